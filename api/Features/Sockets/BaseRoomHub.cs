using System.Collections.Concurrent;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// This silo's base rooms: which of its sockets joined which base. It is the silo's one event observer:
/// sockets register it with their base's connections grain along with their lease, so a base's changes
/// reach this silo once and are handed to every local socket in the room.
/// </summary>
public sealed class BaseRoomHub(IGrainFactory grains, TimeProvider clock) : IBaseEventsObserver, ILocalBaseRooms
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<SocketIoConnection, byte>> _rooms = new();
    private readonly Lock _gate = new();
    private IBaseEventsObserver? _reference;

    /// <summary>The grain reference grains call (created once; the hub itself stays referenced as a singleton).</summary>
    public IBaseEventsObserver Reference
    {
        get
        {
            lock (_gate)
            {
                return _reference ??= grains.CreateObjectReference<IBaseEventsObserver>(this);
            }
        }
    }

    public void Join(Guid baseUuid, SocketIoConnection connection) =>
        _rooms.GetOrAdd(baseUuid, _ => new ConcurrentDictionary<SocketIoConnection, byte>())[connection] = 0;

    public void Leave(Guid baseUuid, SocketIoConnection connection)
    {
        if (_rooms.TryGetValue(baseUuid, out var room))
        {
            room.TryRemove(connection, out _);
        }
    }

    /// <summary>The live leases of this silo's sockets in the base, for its connections grain that just activated.</summary>
    public SiloRoom Room(Guid baseUuid)
    {
        if (!_rooms.TryGetValue(baseUuid, out var room))
        {
            return SiloRoom.Empty;
        }

        var now = clock.GetUtcNow();
        List<RoomLease> leases = [.. room.Keys.Select(c => c.CurrentLease()).OfType<RoomLease>().Where(l => l.ExpiresAt > now)];
        return leases.Count == 0 ? SiloRoom.Empty : new SiloRoom(leases, Reference);
    }

    public Task OnBaseEvents(Guid baseUuid, string eventName, IReadOnlyList<string> payloads, long version = 0)
    {
        if (_rooms.TryGetValue(baseUuid, out var room))
        {
            foreach (var connection in room.Keys)
            {
                connection.QueueEvents(eventName, payloads, version);
            }
        }

        return Task.CompletedTask;
    }
}
