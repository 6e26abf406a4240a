using System.Collections.Concurrent;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// This silo's base rooms: which of its sockets joined which base. It is the silo's one event observer:
/// sockets register it with their base's connections grain along with their lease, so a base's changes
/// reach this silo once and are handed to every local socket in the room.
/// </summary>
public sealed class BaseRoomHub(IGrainFactory grains) : IBaseEventsObserver
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
