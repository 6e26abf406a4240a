using Orleans.Concurrency;

namespace SeaTable.Grains.Connections;

/// <summary>
/// A silo's receiver of base events: each silo holding sockets registers one with the connections grain of
/// each base its sockets joined, and hands the events to those sockets.
/// </summary>
[Alias("seatable.IBaseEventsObserver")]
public interface IBaseEventsObserver : IGrainObserver
{
    /// <summary>
    /// Socket.IO events for the base's room, e.g. ("update-dtable", [operation JSON, ...]) of the base's
    /// <paramref name="version"/>: each is emitted as (operation JSON, version), as dtable-server does.
    /// </summary>
    [Alias("OnBaseEvents")]
    [OneWay]
    Task OnBaseEvents(Guid baseUuid, string eventName, IReadOnlyList<string> payloads, long version = 0);
}
