using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// A minimal Engine.IO 4 / Socket.IO 5 client over one WebSocket, for tests that need to see the raw protocol:
/// reads the open packet, connects namespaces, emits events with an ack id and waits for the ack, answers the
/// server's pings (or stops answering, to play a frozen client), and records how the server closed the socket.
/// Works over the in-memory TestServer WebSocket and over a real <see cref="ClientWebSocket"/>.
/// </summary>
public sealed class SocketIoTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly PacketInbox _packets = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private long _lastAckId;
    private long _lastProbe;
    private int _pingsReceived;
    private JsonObject? _open;

    private SocketIoTestClient(WebSocket socket) => _socket = socket;

    /// <summary>The open packet's JSON (sid, upgrades, pingInterval, pingTimeout, maxPayload).</summary>
    public JsonObject Open => _open ?? throw new InvalidOperationException("No open packet yet.");

    public string Sid => Open["sid"]!.GetValue<string>();

    /// <summary>Whether server pings ("2") are answered with a pong ("3"); false plays a client that stopped.</summary>
    public bool AnswerPings { get; set; } = true;

    /// <summary>Whether a close frame from the server is answered; false plays a client that froze.</summary>
    public bool AnswerClose { get; set; } = true;

    public int PingsReceived => Volatile.Read(ref _pingsReceived);

    /// <summary>When the last server ping arrived (UTC), or null before the first.</summary>
    public DateTimeOffset? LastPingAt { get; private set; }

    /// <summary>Completes when the socket ends: the server's close status, or null when it ended without a close frame.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    public string? CloseDescription { get; private set; }

    public WebSocketState State => _socket.State;

    /// <summary>The socket URL of a server: ws(s)://host/socket.io/?EIO=4&amp;transport=websocket[&amp;dtable_uuid=…].</summary>
    public static Uri SocketUri(Uri baseAddress, string? dtableUuid, string path = "/socket.io/", string eio = "4", string transport = "websocket")
    {
        var builder = new UriBuilder(baseAddress)
        {
            Scheme = baseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = path,
            Query = $"EIO={eio}&transport={transport}" + (dtableUuid is null ? "" : "&dtable_uuid=" + Uri.EscapeDataString(dtableUuid)),
        };
        return builder.Uri;
    }

    /// <summary>Opens a socket on the in-memory test server and reads the open packet.</summary>
    public static async Task<SocketIoTestClient> ConnectAsync(SeaTableAppFactory factory, string? dtableUuid, string path = "/socket.io/")
    {
        var client = factory.Server.CreateWebSocketClient();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var socket = await client.ConnectAsync(SocketUri(factory.Server.BaseAddress, dtableUuid, path), timeout.Token);
        return await StartAsync(socket);
    }

    /// <summary>Opens a real WebSocket to a server listening on a port and reads the open packet.</summary>
    public static async Task<SocketIoTestClient> ConnectAsync(Uri httpBaseAddress, string? dtableUuid)
    {
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await socket.ConnectAsync(SocketUri(httpBaseAddress, dtableUuid), timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await StartAsync(socket);
    }

    /// <summary>Sends one Engine.IO message as is (a text frame).</summary>
    public async Task SendRawAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>"40" and the server's "40{...}" answer, as JSON.</summary>
    public async Task<JsonObject> ConnectNamespaceAsync()
    {
        await SendRawAsync("40");
        var reply = await NextAsync(p => p.StartsWith("40", StringComparison.Ordinal));
        return JsonNode.Parse(reply[2..])!.AsObject();
    }

    /// <summary>Emits an event with a fresh ack id and returns the ack's arguments.</summary>
    public async Task<JsonArray> EmitWithAckAsync(string eventName, params JsonNode?[] arguments)
    {
        var id = Interlocked.Increment(ref _lastAckId).ToString(CultureInfo.InvariantCulture);
        var packet = new JsonArray { eventName };
        foreach (var argument in arguments)
        {
            packet.Add(argument);
        }

        await SendRawAsync("42" + id + packet.ToJsonString());
        var prefix = "43" + id + "[";
        var reply = await NextAsync(p => p.StartsWith(prefix, StringComparison.Ordinal));
        return JsonNode.Parse(reply[(prefix.Length - 1)..])!.AsArray();
    }

    /// <summary>"join-room" (dtable_uuid, jwt) with an ack: the first argument of the ack.</summary>
    public async Task<JsonObject> JoinRoomAsync(string? dtableUuid, string? jwt)
    {
        var ack = await EmitWithAckAsync("join-room", dtableUuid, jwt);
        return Assert.Single(ack)!.AsObject();
    }

    /// <summary>A client ping ("2&lt;probe&gt;") answered by the server's pong ("3&lt;probe&gt;"): the socket is alive and served.</summary>
    public async Task AssertAnswersPingAsync()
    {
        var probe = "probe" + Interlocked.Increment(ref _lastProbe).ToString(CultureInfo.InvariantCulture);
        await SendRawAsync("2" + probe);
        await NextAsync(p => p == "3" + probe);
    }

    /// <summary>The next packet (pings excluded) that matches; fails when the socket closes or the time runs out first.</summary>
    public Task<string> NextAsync(Func<string, bool> match, TimeSpan? timeout = null) =>
        _packets.NextAsync(match, timeout ?? DefaultTimeout, "The socket closed", Describe);

    /// <summary>Waits until the server ends the socket; its close status (null: no close frame).</summary>
    public async Task<WebSocketCloseStatus?> WaitClosedAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(Closed, Task.Delay(timeout));
        return finished == Closed
            ? await Closed
            : throw new Xunit.Sdk.XunitException($"The server did not close the socket within {timeout.TotalSeconds:F1} s; {Describe()}");
    }

    /// <summary>A normal close started by the client; returns once the server answered with its close frame.</summary>
    public async Task CloseAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(DefaultTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client leaves", timeout.Token);
            }
        }
        finally
        {
            _sendLock.Release();
        }

        await WaitClosedAsync(DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Closed.IsCompleted)
        {
            _socket.Abort();
        }

        try
        {
            await _receiveLoop.WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
        }

        _socket.Dispose();
        _sendLock.Dispose();
    }

    private string Describe()
    {
        var skipped = string.Join(" | ", _packets.Skipped.Select(s => s.Length > 200 ? s[..200] + "…" : s));

        return $"state {_socket.State}, close {(Closed.IsCompleted ? $"{Closed.Result} '{CloseDescription}'" : "none")}, pings {PingsReceived}, other packets: [{skipped}]";
    }

    private static async Task<SocketIoTestClient> StartAsync(WebSocket socket)
    {
        var client = new SocketIoTestClient(socket);
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        try
        {
            var open = await client.NextAsync(p => p.StartsWith('0'));
            client._open = JsonNode.Parse(open[1..])!.AsObject();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        WebSocketCloseStatus? status = null;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    status = result.CloseStatus;
                    CloseDescription = result.CloseStatusDescription;
                    if (AnswerClose)
                    {
                        await AnswerCloseAsync();
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (text.StartsWith('2'))
                {
                    LastPingAt = DateTimeOffset.UtcNow;
                    Interlocked.Increment(ref _pingsReceived);
                    if (AnswerPings)
                    {
                        await SendRawAsync("3" + text[1..]);
                    }

                    continue;
                }

                await _packets.AddAsync(text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection broke (or was aborted by DisposeAsync): no close frame.
        }
        finally
        {
            _packets.Complete();
            _closed.TrySetResult(status);
        }
    }

    private async Task AnswerCloseAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(DefaultTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
