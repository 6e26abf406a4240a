using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace SeaTable.Grains.Connections;

/// <summary>
/// Places a grain keyed by a silo's address (its parsable form) on that silo; a silo that is gone, or a key
/// that names none, places it locally, where the grain sees it is not on its silo.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("seatable.KeySiloPlacement")]
public sealed class KeySiloPlacement : PlacementStrategy
{
    internal static readonly KeySiloPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class KeySiloPlacementAttribute() : PlacementAttribute(KeySiloPlacement.Instance);

internal sealed class KeySiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        SiloAddress? named;
        try
        {
            named = SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString()!);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            named = null;
        }

        return NamedSiloPlacement.Choose(named, target, context);
    }
}
