using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace SeaTable.Grains.Connections;

/// <summary>What the placements by a silo named in the grain's key share: that silo while it is alive and compatible, else this one.</summary>
internal static class NamedSiloPlacement
{
    public static Task<SiloAddress> Choose(SiloAddress? named, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(named is not null && context.GetCompatibleSilos(target).Contains(named) ? named : context.LocalSilo);
}
