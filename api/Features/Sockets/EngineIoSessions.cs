using System.Collections.Concurrent;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// This silo's Engine.IO sessions opened on polling, by sid: the requests that follow the handshake (polls,
/// posts, the WebSocket upgrade) find their session here. Sessions opened on a WebSocket need no entry.
/// </summary>
public sealed class EngineIoSessions
{
    private readonly ConcurrentDictionary<string, PolledSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Add(PolledSession session) => _sessions[session.Session.Sid] = session;

    public bool TryGet(string sid, out PolledSession session) => _sessions.TryGetValue(sid, out session!);

    public void Remove(string sid) => _sessions.TryRemove(sid, out _);
}

/// <summary>A session that started on polling, with its polling transport's state.</summary>
public sealed record PolledSession(SocketIoConnection Session, PollingState Polling);
