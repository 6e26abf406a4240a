using Orleans.Concurrency;

namespace SeaTable.Grains.Connections;

/// <summary>
/// The apps connected to one base's socket room (key: the base uuid), as leases: the silo holding a socket
/// renews its lease while the socket lives. A socket closed normally leaves at once; one whose silo died
/// stops counting when its lease runs out. Kept in memory only: after this grain moves or re-activates, it
/// asks every live silo for its sockets in the base (<see cref="ISiloRoomsGrain"/>) before it answers. Each lease names its silo's event observer, so changes of the
/// base reach sockets on every silo.
/// </summary>
[Alias("seatable.IBaseConnectionsGrain")]
public interface IBaseConnectionsGrain : IGrainWithGuidKey
{
    /// <summary>Registers or renews a connection until <paramref name="expiresAt"/>; events go to <paramref name="observer"/>.</summary>
    [Alias("Hold")]
    Task Hold(string connectionId, string appName, DateTimeOffset expiresAt, IBaseEventsObserver? observer = null);

    [Alias("Release")]
    Task Release(string connectionId);

    /// <summary>The app names with at least one live connection.</summary>
    [Alias("GetConnectedApps")]
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> GetConnectedApps();

    /// <summary>Sends "update-dtable" events (operation JSON, the base's version after them) to every silo with a live socket in the room.</summary>
    [Alias("Publish")]
    [OneWay]
    Task Publish(IReadOnlyList<string> operations, long version = 0);
}
