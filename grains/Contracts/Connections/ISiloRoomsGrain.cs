using Orleans.Concurrency;

namespace SeaTable.Grains.Connections;

/// <summary>
/// One silo's base rooms, as its connections grains see them (key: the silo's address, parsable form; the
/// grain lives on that silo). A base's connections grain that was just activated (it moved, or its silo died)
/// asks every live silo here for the sockets it holds in the base, so it counts them at once instead of at
/// their next lease renewal.
/// </summary>
[Alias("seatable.ISiloRoomsGrain")]
public interface ISiloRoomsGrain : IGrainWithStringKey
{
    /// <summary>The live leases of this silo's sockets in the base, and the silo's event observer; empty when the grain is not on its silo.</summary>
    [Alias("Room")]
    [AlwaysInterleave]
    Task<SiloRoom> Room(Guid baseUuid);

    /// <summary>What the silo carries now: open sockets and running import/export tasks; null when the grain is not on its silo.</summary>
    [Alias("Load")]
    [AlwaysInterleave]
    Task<SiloLoad?> Load();
}

/// <summary>One silo's load, for the admin console's cluster view.</summary>
[GenerateSerializer, Immutable]
[Alias("seatable.SiloLoad")]
public sealed record SiloLoad([property: Id(0)] long Sockets, [property: Id(1)] long TasksRunning);

/// <summary>A silo's sockets in one base: their leases and where the base's events go.</summary>
[GenerateSerializer, Immutable]
[Alias("seatable.SiloRoom")]
public sealed record SiloRoom([property: Id(0)] IReadOnlyList<RoomLease> Leases, [property: Id(1)] IBaseEventsObserver? Observer)
{
    public static readonly SiloRoom Empty = new([], null);
}

/// <summary>One socket's lease as its silo last renewed it.</summary>
[GenerateSerializer, Immutable]
[Alias("seatable.RoomLease")]
public sealed record RoomLease([property: Id(0)] string ConnectionId, [property: Id(1)] string AppName, [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>The sockets this silo holds, by base, as the HTTP layer keeps them (registered by the API in the silo's services).</summary>
public interface ILocalBaseRooms
{
    SiloRoom Room(Guid baseUuid);
}
