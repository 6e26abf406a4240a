using System.Collections.Concurrent;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// This silo's Engine.IO sessions opened on polling, by sid: the requests that follow the handshake (polls,
/// posts, the WebSocket upgrade) find their session here, or, when a load balancer sent them to another
/// silo, through <see cref="IEngineSessionGrain"/>, which calls <see cref="ILocalEngineSessions"/> here.
/// Sessions opened on a WebSocket need no entry.
/// </summary>
public sealed class EngineIoSessions : ILocalEngineSessions
{
    private readonly ConcurrentDictionary<string, PolledSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Add(PolledSession session) => _sessions[session.Session.Sid] = session;

    public bool TryGet(string sid, out PolledSession session)
    {
        if (_sessions.TryGetValue(sid, out session!) && !session.Session.IsClosing)
        {
            return true;
        }

        session = null!;
        return false;
    }

    public void Remove(string sid) => _sessions.TryRemove(sid, out _);

    // Called by the session's grain: Task.Run leaves the grain's scheduler, so the session's work (grain
    // calls, object references for the room, its timers) runs as it does for a request served here.
    Task<EnginePollingAnswer> ILocalEngineSessions.PollAsync(string sid, TimeSpan maxWait) =>
        TryGet(sid, out var polled)
            ? Task.Run(() => PollingTransport.PollAsync(polled, Min(maxWait, polled.Session.PollBound), CancellationToken.None))
            : Task.FromResult(EnginePollingAnswer.UnknownSid);

    Task<EnginePollingAnswer> ILocalEngineSessions.PostAsync(string sid, string payload) =>
        TryGet(sid, out var polled) ? Task.Run(() => PollingTransport.PostAsync(polled, payload)) : Task.FromResult(EnginePollingAnswer.UnknownSid);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>A session that started on polling, with its polling transport's state.</summary>
public sealed record PolledSession(SocketIoConnection Session, PollingState Polling);
