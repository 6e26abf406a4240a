using System.Text;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace SeaTable.Grains.Connections;

/// <summary>
/// Places an <see cref="EngineSessionGrain"/> on the silo named in its sid. Placing it where it was first called
/// was not enough: when the silo holding its directory entry died, the next poll (through any silo) activated a
/// second, empty copy there, and a live session answered "Session ID unknown". A silo that is gone (or a sid
/// that names none) places it locally, where it answers exactly that.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("seatable.SessionSiloPlacement")]
public sealed class SessionSiloPlacement : PlacementStrategy
{
    internal static readonly SessionSiloPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SessionSiloPlacementAttribute() : PlacementAttribute(SessionSiloPlacement.Instance);

internal sealed class SessionSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        NamedSiloPlacement.Choose(EngineSessionIds.SiloOf(target.GrainIdentity.Key.ToString()), target, context);
}

/// <summary>Sids of 20 random characters, a dot, and this silo's address (URL-safe base64: no escaping in a query).</summary>
internal sealed class EngineSessionIds(ILocalSiloDetails silo) : IEngineSessionIds
{
    private readonly string _suffix = "." + Base64Url(Encoding.UTF8.GetBytes(silo.SiloAddress.ToParsableString()));

    public string NewSid() => Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)) + _suffix;

    public static SiloAddress? SiloOf(string sid)
    {
        var dot = sid.LastIndexOf('.');
        if (dot < 0 || dot == sid.Length - 1)
        {
            return null;
        }

        try
        {
            var text = sid[(dot + 1)..].Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            return SiloAddress.FromParsableString(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // A sid made up by a client: no silo to go to.
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
