using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// One client socket, speaking the subset of Engine.IO 4 / Socket.IO 5 that SeaTable's clients use over a
/// WebSocket: the open handshake, ping/pong, connecting the default namespace and the "join-room" event
/// with (dtable_uuid, base token). A joined socket holds a lease in its base's connections grain, renewed
/// on every ping while the socket and its token stay valid, and receives the base's "update-dtable" events.
/// </summary>
public sealed partial class SocketIoConnection(
    WebSocket socket,
    Guid? queryDTableUuid,
    IGrainFactory grains,
    BaseTokenValidator validator,
    BaseRoomHub rooms,
    SocketIoOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    /// <summary>Events waiting to be sent; a client that falls this far behind is disconnected.</summary>
    private const int MaxQueuedEvents = 10_000;

    private readonly string _sid = NewId();
    private readonly Channel<string> _events = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueuedEvents)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private DateTimeOffset _lastPong;
    private bool _namespaceConnected;
    private Joined? _joined;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _lastPong = clock.GetUtcNow();
        await SendAsync("0" + JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sid"] = _sid,
            ["upgrades"] = Array.Empty<string>(),
            ["pingInterval"] = (int)options.PingInterval.TotalMilliseconds,
            ["pingTimeout"] = (int)options.PingTimeout.TotalMilliseconds,
            ["maxPayload"] = options.MaxPayloadBytes,
        }), lifetime.Token);

        var heartbeat = HeartbeatAsync(lifetime.Token);
        var events = SendEventsAsync(lifetime);
        try
        {
            await ReceiveLoopAsync(lifetime.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: clean up below.
        }
        finally
        {
            await lifetime.CancelAsync();
            await LeaveAsync();
            await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
            _events.Writer.TryComplete();
            try
            {
                await heartbeat;
            }
            catch (OperationCanceledException)
            {
            }

            await events;
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Binary || message.Length + result.Count > options.MaxPayloadBytes)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "binary or oversized message");
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (!await HandleEngineMessageAsync(text, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Handles one Engine.IO packet; false ends the connection.</summary>
    private async Task<bool> HandleEngineMessageAsync(string text, CancellationToken cancellationToken)
    {
        switch (text.Length > 0 ? text[0] : ' ')
        {
            case '1':
                return false;
            case '2':
                await SendAsync("3" + text[1..], cancellationToken);
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
                await SendAsync(SocketIoPacket.Encode(SocketIoPacket.Connect, null, new Dictionary<string, string> { ["sid"] = _sid }), cancellationToken);
                return true;
            case SocketIoPacket.Connect:
                await SendAsync($"44{packet.Namespace},{JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = "Invalid namespace" })}", cancellationToken);
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
                    await SendAsync(SocketIoPacket.Encode(SocketIoPacket.Ack, ackId, reply is null ? Array.Empty<object>() : new[] { reply }), cancellationToken);
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
        _joined = new Joined(token, uuid, grains.GetGrain<IBaseConnectionsGrain>(uuid), token.AppName ?? token.Username);
        rooms.Join(uuid, this);
        if (await TryClusterCallAsync(RenewAsync, cancellationToken) is null)
        {
            _joined = null;
            return Failure("Service temporarily unavailable, please retry.");
        }

        LogJoined(_sid, uuid, _joined.AppName);
        return new Dictionary<string, object> { ["success"] = true };
    }

    /// <summary>Queues Socket.IO events for this socket (in order, without waiting for the network).</summary>
    public void QueueEvents(string eventName, IReadOnlyList<string> payloads)
    {
        foreach (var payload in payloads)
        {
            if (!_events.Writer.TryWrite(SocketIoPacket.Encode(SocketIoPacket.Event, null, new object[] { eventName, payload })))
            {
                LogSlowClient(_sid);
                socket.Abort();
                return;
            }
        }
    }

    private async Task SendEventsAsync(CancellationTokenSource lifetime)
    {
        try
        {
            await foreach (var packet in _events.Reader.ReadAllAsync(lifetime.Token))
            {
                await SendAsync(packet, lifetime.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket is going away: the receive loop ends it.
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
                await LeaveAsync();
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "ping timeout");
                socket.Abort();
                return;
            }

            await SendAsync("2", cancellationToken);
            if (_joined is not { } joined)
            {
                continue;
            }

            // A check that fails or hangs (the cluster re-balancing after a silo died) skips this tick: the
            // pings go on, and the lease is renewed on a later tick, well before it runs out.
            var valid = await TryClusterCallAsync(() => IsStillValidAsync(joined.Token), cancellationToken);
            if (valid is false)
            {
                // The token was deleted or changed, the base trashed, or the JWT expired: stop counting.
                await LeaveAsync();
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, "token no longer valid");
                return;
            }

            if (valid is true)
            {
                await TryClusterCallAsync(RenewAsync, cancellationToken);
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
            var lease = clock.GetUtcNow() + options.LeaseDuration;
            await joined.Connections.Hold(_sid, joined.AppName, lease < joined.Token.ExpiresAt ? lease : joined.Token.ExpiresAt, rooms.Reference);
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
            LogClusterCallFailed(e, _sid);
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
                await joined.Connections.Release(_sid);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The lease runs out by itself; a failed release only delays "disconnected" by that much.
                LogReleaseFailed(e, _sid);
            }
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static Dictionary<string, object> Failure(string message) => new() { ["success"] = false, ["error_msg"] = message };

    private static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket {Sid} joined base {Uuid} as {App}")]
    private partial void LogJoined(string sid, Guid uuid, string app);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket {Sid}: a token check or lease renewal failed; retried on the next ping")]
    private partial void LogClusterCallFailed(Exception exception, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket {Sid} could not release its lease")]
    private partial void LogReleaseFailed(Exception exception, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket {Sid} fell too far behind its base's events and was disconnected")]
    private partial void LogSlowClient(string sid);

    private sealed record Joined(ValidatedBaseToken Token, Guid BaseUuid, IBaseConnectionsGrain Connections, string AppName);
}
