using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// One Engine.IO session, whatever carries it: the subset of Engine.IO 4 / Socket.IO 5 that SeaTable's
/// clients use (the open handshake, ping/pong, connecting the default namespace and the "join-room" event
/// with (dtable_uuid, base token)). A transport (<see cref="WebSocketTransport"/> or
/// <see cref="PollingTransport"/>) feeds it the client's packets and carries <see cref="Outbox"/> to the
/// client; a session that started on polling may move to a WebSocket (the upgrade) and keeps its state.
/// A joined session holds a lease in its base's connections grain, renewed on every ping while the session
/// and its token stay valid, and receives the base's "update-dtable" events.
/// </summary>
public sealed partial class SocketIoConnection(
    Guid? queryDTableUuid,
    IGrainFactory grains,
    BaseTokenValidator validator,
    BaseRoomHub rooms,
    SocketIoOptions options,
    TimeProvider clock,
    ILogger logger,
    string? sid = null)
{
    /// <summary>Packets waiting to be sent; a client that falls this far behind is disconnected.</summary>
    private const int MaxQueuedPackets = 10_000;

    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueuedPackets)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastPong;
    private bool _namespaceConnected;
    private Joined? _joined;
    private int _closing;

    /// <summary>The session id; the silo's (naming the silo, for the session's grain) or else a random one.</summary>
    public string Sid { get; } = sid ?? NewId();

    /// <summary>Every packet for the client, in order (Engine.IO framing, one packet per item).</summary>
    public ChannelReader<string> Outbox => _outbox.Reader;

    /// <summary>Cancelled once the session is closing (the client left, timed out, or its token died).</summary>
    public CancellationToken Closing => _lifetime.Token;

    /// <summary>Completes once the session is closed: its lease released and <see cref="Outbox"/> completed.</summary>
    public Task Ended => _ended.Task;

    /// <summary>
    /// The lease this session holds as of now (null while not joined or closing): for a connections grain that
    /// just activated. Fresh, not the last renewal: the session is open and answering pings, whatever the
    /// renewals that failed while the cluster re-balanced.
    /// </summary>
    public RoomLease? CurrentLease() =>
        _joined is { } joined && !IsClosing ? new RoomLease(Sid, joined.AppName, LeaseEnd(joined)) : null;

    private DateTimeOffset LeaseEnd(Joined joined)
    {
        var lease = clock.GetUtcNow() + options.LeaseDuration;
        return lease < joined.Token.ExpiresAt ? lease : joined.Token.ExpiresAt;
    }

    /// <summary>Why the session closed, for the WebSocket close frame.</summary>
    public (WebSocketCloseStatus Status, string Reason, bool Abort) CloseReason { get; private set; } = (WebSocketCloseStatus.NormalClosure, "bye", false);

    /// <summary>The Engine.IO open packet: "0{sid, upgrades, pingInterval, pingTimeout, maxPayload}".</summary>
    public string OpenPacket(bool offerWebSocketUpgrade) => "0" + JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["sid"] = Sid,
        ["upgrades"] = offerWebSocketUpgrade ? ["websocket"] : Array.Empty<string>(),
        ["pingInterval"] = (int)options.PingInterval.TotalMilliseconds,
        ["pingTimeout"] = (int)options.PingTimeout.TotalMilliseconds,
        ["maxPayload"] = options.MaxPayloadBytes,
    });

    /// <summary>
    /// Runs the heartbeat until the session closes (or <paramref name="stopping"/>), then releases the lease
    /// and completes the outbox, in that order: a client that sees the close sees itself disconnected too.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        _lastPong = clock.GetUtcNow();
        using var registration = stopping.Register(() => Close(WebSocketCloseStatus.NormalClosure, "server stopping"));
        try
        {
            await HeartbeatAsync(_lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            // The session is closing: clean up below.
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, "bye");
            await LeaveAsync();
            _outbox.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }

    /// <summary>Ends the session (once; the first reason wins).</summary>
    public void Close(WebSocketCloseStatus status, string reason, bool abort = false)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            CloseReason = (status, reason, abort);
            _lifetime.Cancel();
        }
    }

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>The largest message accepted from the client, and about the largest poll answer.</summary>
    public int MaxPayloadBytes => options.MaxPayloadBytes;

    /// <summary>The longest a poll waits: pings come every interval, so only a stalled heartbeat reaches it.</summary>
    public TimeSpan PollBound => options.PingInterval + options.PingTimeout;

    /// <summary>Queues one packet for the client; false (and the session closed) when the client fell too far behind.</summary>
    public bool Send(string packet)
    {
        if (_outbox.Writer.TryWrite(packet))
        {
            return true;
        }

        if (!IsClosing)
        {
            LogSlowClient(Sid);
            Close(WebSocketCloseStatus.PolicyViolation, "too far behind", abort: true);
        }

        return false;
    }

    /// <summary>Handles one Engine.IO packet from the client; false ends the session.</summary>
    public async ValueTask<bool> HandleEngineMessageAsync(string text, CancellationToken cancellationToken)
    {
        switch (text.Length > 0 ? text[0] : ' ')
        {
            case '1':
                return false;
            case '2':
                Send("3" + text[1..]);
                return true;
            case '3':
                _lastPong = clock.GetUtcNow();
                return true;
            case '4':
                return await HandleSocketPacketAsync(SocketIoPacket.Parse(text[1..]), cancellationToken);
            default:
                return true;
        }
    }

    private async Task<bool> HandleSocketPacketAsync(SocketIoPacket? packet, CancellationToken cancellationToken)
    {
        switch (packet?.Type)
        {
            case SocketIoPacket.Connect when packet.Namespace == "/":
                _namespaceConnected = true;
                Send(SocketIoPacket.Encode(SocketIoPacket.Connect, null, new Dictionary<string, string> { ["sid"] = Sid }));
                return true;
            case SocketIoPacket.Connect:
                Send($"44{packet.Namespace},{JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = "Invalid namespace" })}");
                return true;
            case SocketIoPacket.Disconnect:
                return false;
            // Socket.IO serves events only in a namespace the client connected; others are ignored.
            case SocketIoPacket.Event when packet.Namespace == "/" && _namespaceConnected
                                           && packet.Data is { ValueKind: JsonValueKind.Array } data && data.GetArrayLength() > 0:
                var name = data[0].ValueKind == JsonValueKind.String ? data[0].GetString() : null;
                object? reply = name == "join-room" ? await JoinAsync(data, cancellationToken) : null;
                if (packet.AckId is { } ackId)
                {
                    Send(SocketIoPacket.Encode(SocketIoPacket.Ack, ackId, reply is null ? Array.Empty<object>() : new[] { reply }));
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>"join-room" (dtable_uuid, base token): checks the token and starts counting the app as connected.</summary>
    private async Task<object> JoinAsync(JsonElement data, CancellationToken cancellationToken)
    {
        var uuidText = data.GetArrayLength() > 1 && data[1].ValueKind == JsonValueKind.String ? data[1].GetString() : null;
        var jwt = data.GetArrayLength() > 2 && data[2].ValueKind == JsonValueKind.String ? data[2].GetString() : null;
        var (token, problem) = await validator.ValidateAsync(jwt);
        if (token is null)
        {
            return Failure(problem == BaseTokenProblem.Expired ? "Token expired." : "Permission denied.");
        }

        if (!Guid.TryParse(uuidText, out var uuid) || uuid != token.DTableUuid || (queryDTableUuid is { } query && query != uuid))
        {
            return Failure("Permission denied.");
        }

        var valid = await TryClusterCallAsync(() => IsStillValidAsync(token), cancellationToken);
        if (valid is null)
        {
            return Failure("Service temporarily unavailable, please retry.");
        }

        if (valid is false)
        {
            return Failure("Permission denied.");
        }

        await LeaveAsync();
        if (IsClosing)
        {
            // The session closed while the token was checked: joining now would leave a lease nobody releases.
            return Failure("Permission denied.");
        }

        _joined = new Joined(token, uuid, grains.GetGrain<IBaseConnectionsGrain>(uuid), token.AppName ?? token.Username);
        rooms.Join(uuid, this);
        if (await TryClusterCallAsync(RenewAsync, cancellationToken) is null)
        {
            _joined = null;
            rooms.Leave(uuid, this);
            return Failure("Service temporarily unavailable, please retry.");
        }

        LogJoined(Sid, uuid, _joined.AppName);
        return new Dictionary<string, object> { ["success"] = true };
    }

    /// <summary>
    /// Queues Socket.IO events for this session (in order, without waiting for the network): (payload,
    /// version) as dtable-server emits "update-dtable", which seatable-api's Python handler
    /// on_update_dtable(data, index) expects.
    /// </summary>
    public void QueueEvents(string eventName, IReadOnlyList<string> payloads, long version)
    {
        foreach (var payload in payloads)
        {
            if (!Send(SocketIoPacket.Encode(SocketIoPacket.Event, null, new object[] { eventName, payload, version })))
            {
                return;
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.PingInterval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (clock.GetUtcNow() - _lastPong > options.PingInterval + options.PingTimeout)
            {
                // A client that stopped answering will not complete a close handshake either: drop it.
                LogPingTimeout(Sid);
                Close(WebSocketCloseStatus.NormalClosure, "ping timeout", abort: true);
                return;
            }

            Send("2");
            if (_joined is not { } joined)
            {
                continue;
            }

            // Renewed first, whatever the check below: a check that fails or hangs (the cluster re-balancing after
            // a silo died) is no reason to stop counting a socket that is open and answering pings.
            await TryClusterCallAsync(RenewAsync, cancellationToken);
            var valid = await TryClusterCallAsync(() => IsStillValidAsync(joined.Token), cancellationToken);
            if (valid is false)
            {
                // The token was deleted or changed, the base trashed, or the JWT expired: stop counting.
                Close(WebSocketCloseStatus.PolicyViolation, "token no longer valid");
                return;
            }
        }
    }

    private async Task<bool> IsStillValidAsync(ValidatedBaseToken token)
    {
        if (token.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        if (token.TokenId is null)
        {
            return true;
        }

        var use = await grains.GetGrain<IApiTokenGrain>(token.TokenId).Use(touch: false);
        return use.Error == ApiTokenUseError.None && use.Token!.Version == token.TokenVersion;
    }

    private async Task<bool> RenewAsync()
    {
        if (_joined is { } joined)
        {
            await joined.Connections.Hold(Sid, joined.AppName, LeaseEnd(joined), rooms.Reference);
        }

        return true;
    }

    /// <summary>A grain call bounded by the ping interval; null when it failed or took too long.</summary>
    private async Task<bool?> TryClusterCallAsync(Func<Task<bool>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(options.PingInterval, clock, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogClusterCallFailed(e, Sid);
            return null;
        }
    }

    private async Task LeaveAsync()
    {
        if (_joined is { } joined)
        {
            _joined = null;
            rooms.Leave(joined.BaseUuid, this);
            try
            {
                await joined.Connections.Release(Sid);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The lease runs out by itself; a failed release only delays "disconnected" by that much.
                LogReleaseFailed(e, Sid);
            }
        }
    }

    private static Dictionary<string, object> Failure(string message) => new() { ["success"] = false, ["error_msg"] = message };

    private static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket {Sid} joined base {Uuid} as {App}")]
    private partial void LogJoined(string sid, Guid uuid, string app);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket {Sid} missed its pong and was dropped")]
    private partial void LogPingTimeout(string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket {Sid}: a token check or lease renewal failed; retried on the next ping")]
    private partial void LogClusterCallFailed(Exception exception, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket {Sid} could not release its lease")]
    private partial void LogReleaseFailed(Exception exception, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket {Sid} fell too far behind its base's events and was disconnected")]
    private partial void LogSlowClient(string sid);

    private sealed record Joined(ValidatedBaseToken Token, Guid BaseUuid, IBaseConnectionsGrain Connections, string AppName);
}
