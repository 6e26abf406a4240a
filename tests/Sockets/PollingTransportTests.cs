using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using Xunit.Abstractions;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// Engine.IO's HTTP long-polling transport (issue 14 item 7), as python-socketio and socket.io-client open
/// with it: the handshake, join-room and api-tokens-status, update-dtable events buffered between polls,
/// pings over polling, a client that stops polling, engine.io's error answers, and the upgrade to a
/// WebSocket ("2probe"/"3probe", "5"). Timings of <see cref="SocketServer"/>: ping 1 s, timeout 3 s, lease 3 s.
/// </summary>
public sealed class PollingTransportTests(SocketServer server, ClassUsers users, ITestOutputHelper output)
    : ApiTests(server), IClassFixture<SocketServer>, IClassFixture<ClassUsers>
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    private SeaTableAppFactory Factory => Server.Factory;

    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableTheory]
    [InlineData("/socket.io/")]
    [InlineData("/dtable-server/socket.io/")]
    [InlineData("/api-gateway/socket.io/")]
    public async Task The_polling_handshake_answers_the_open_packet_offering_the_websocket_upgrade(string path)
    {
        using var http = Factory.CreateClient();
        await using var first = await PollingTestClient.ConnectAsync(http, Guid.NewGuid().ToString(), path, poll: false);
        await using var second = await PollingTestClient.ConnectAsync(http, null, path, poll: false);

        Assert.Equal(["maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"], first.Open.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("""["websocket"]""", first.Open["upgrades"]!.ToJsonString());
        Assert.Equal((int)SocketServer.PingInterval.TotalMilliseconds, first.Open["pingInterval"]!.GetValue<int>());
        Assert.Equal((int)SocketServer.PingTimeout.TotalMilliseconds, first.Open["pingTimeout"]!.GetValue<int>());
        Assert.Equal(1_000_000, first.Open["maxPayload"]!.GetValue<int>());
        Assert.Matches(@"^[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]+$", first.Sid);
        Assert.NotEqual(first.Sid, second.Sid);
    }

    [SkippableFact]
    public async Task A_polling_client_joins_counts_as_connected_and_leaving_shows_disconnected_at_once()
    {
        var tokenBase = await (await Owner).CreateTokenBaseAsync("poller");
        using var client = (await Owner).Client();
        using var http = Factory.CreateClient();
        var socket = await PollingTestClient.ConnectAsync(http, tokenBase.Uuid, "/api-gateway/socket.io/");

        var connected = await socket.ConnectNamespaceAsync();
        Assert.Equal(["sid"], connected.Select(p => p.Key));
        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());
        Assert.Equal(new Dictionary<string, bool> { ["poller"] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));

        // Pings go over the polls and the pongs over posts: the lease is renewed past its length.
        await Task.Delay(SocketServer.LeaseDuration * 2);
        Assert.True(socket.PingsReceived >= 3, $"only {socket.PingsReceived} pings; {socket.Describe()}");
        Assert.Equal(new Dictionary<string, bool> { ["poller"] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));

        await socket.SendAsync("41", "1");
        Assert.Equal(new Dictionary<string, bool> { ["poller"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
        await socket.StopPollingAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await socket.GetRawAsync()).Status);
        await socket.DisposeAsync();
    }

    [SkippableFact]
    public async Task Join_room_over_polling_checks_the_token_as_over_websocket()
    {
        var tokenBase = await (await Owner).CreateTokenBaseAsync("checked");
        using var http = Factory.CreateClient();
        await using var socket = await PollingTestClient.ConnectAsync(http, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();

        Assert.Equal("""{"success":false,"error_msg":"Permission denied."}""", (await socket.JoinRoomAsync(tokenBase.Uuid, "not-a-jwt")).ToJsonString());
        Assert.Equal("""{"success":false,"error_msg":"Permission denied."}""", (await socket.JoinRoomAsync(Guid.NewGuid().ToString(), tokenBase.Jwt)).ToJsonString());
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableFact]
    public async Task Update_dtable_events_reach_a_polling_client_and_are_buffered_between_polls()
    {
        var b = await (await Owner).NewBaseAsync("buffered");
        using var http = Factory.CreateClient();
        await using var socket = await PollingTestClient.ConnectAsync(http, b.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.True((await socket.JoinRoomAsync(b.Uuid, b.Jwt))["success"]!.GetValue<bool>());
        using var rows = Factory.BaseClient(b.Jwt);

        var first = (await rows.AppendRowAsync(b, new JsonObject { ["Name"] = "live" })).Str("_id");
        Assert.Equal(first, (await socket.NextOperationAsync())["row_datas"]![0]!.Str("_id"));

        // 20 writes while the client does not poll (under the ping timeout): every event waits for it, in
        // order, and each poll answer holds at most 16 packets (python-engineio refuses more).
        await socket.StopPollingAsync();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await rows.AppendRowAsync(b, new JsonObject { ["Name"] = $"row {i}" })).Str("_id"));
        }

        socket.StartPolling();
        var received = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            received.Add((await socket.NextOperationAsync())["row_datas"]![0]!.Str("_id"));
        }

        Assert.Equal(ids, received);
        Assert.All(socket.PayloadSizes, n => Assert.InRange(n, 1, 16));
        Assert.Contains(16, socket.PayloadSizes);
    }

    [SkippableFact]
    public async Task A_polling_client_that_stops_polling_is_dropped_within_the_ping_timeout_and_shows_disconnected()
    {
        var tokenBase = await (await Owner).CreateTokenBaseAsync("quiet");
        using var client = (await Owner).Client();
        using var http = Factory.CreateClient();
        var socket = await PollingTestClient.ConnectAsync(http, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.True((await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt))["success"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<string, bool> { ["quiet"] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));

        var clock = Stopwatch.StartNew();
        await socket.StopPollingAsync();
        var shown = await client.WaitConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name, "quiet", false,
            SocketServer.PingInterval * 2 + SocketServer.PingTimeout + Slack);
        Report($"polling client stopped polling: shown disconnected after {shown.TotalSeconds:F1} s (ping {SocketServer.PingInterval.TotalSeconds} s, timeout {SocketServer.PingTimeout.TotalSeconds} s)");
        Assert.True(shown > SocketServer.PingTimeout - TimeSpan.FromSeconds(0.5), $"dropped after {shown.TotalSeconds:F1} s, before its pong was late");

        // The session is gone: its sid is unknown now.
        var (status, body) = await socket.GetRawAsync();
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"code":1,"message":"Session ID unknown"}""", body);
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
        await socket.DisposeAsync();
    }

    [SkippableTheory]
    [InlineData("GET", "unknown-sid")]
    [InlineData("POST", "unknown-sid")]
    [InlineData("GET", "")]
    [InlineData("POST", "%00%01")]
    public async Task An_unknown_sid_is_engine_io_error_1(string method, string sid)
    {
        using var http = Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/dtable-server/socket.io/?EIO=4&transport=polling&sid={sid}")
        {
            Content = method == "POST" ? new StringContent("40", Encoding.UTF8, "text/plain") : null,
        };
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"code":1,"message":"Session ID unknown"}""", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_websocket_naming_an_unknown_sid_is_refused()
    {
        var client = Factory.Server.CreateWebSocketClient();
        var uri = new Uri(SocketIoTestClient.SocketUri(Factory.Server.BaseAddress, null) + "&sid=nobody");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(uri, CancellationToken.None));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_post_to_a_closed_session_is_error_1()
    {
        using var http = Factory.CreateClient();
        var socket = await PollingTestClient.ConnectAsync(http, poll: false);
        await socket.SendAsync("1");

        var (status, body) = await socket.PostRawAsync("40");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"code":1,"message":"Session ID unknown"}""", body);
        await socket.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_handshake_by_post_is_error_2()
    {
        using var http = Factory.CreateClient();
        using var response = await http.PostAsync(PollingTestClient.HandshakeUrl(), new StringContent("40"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":2,"message":"Bad handshake method"}""", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task An_oversized_post_is_refused_with_413_and_the_session_goes_on()
    {
        using var http = Factory.CreateClient();
        await using var socket = await PollingTestClient.ConnectAsync(http);

        var (status, body) = await socket.PostRawAsync("4" + new string('x', 1_000_001));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("""{"code":3,"message":"Bad request"}""", body);
        await socket.ConnectNamespaceAsync();
    }

    [SkippableFact]
    public async Task Two_concurrent_polls_are_refused_and_end_the_session_as_engine_io_does()
    {
        using var http = Factory.CreateClient();
        var socket = await PollingTestClient.ConnectAsync(http, poll: false);
        using var pending = new CancellationTokenSource(DefaultTimeout);
        var first = socket.GetRawAsync(pending.Token);
        await Task.Delay(200);
        Assert.False(first.IsCompleted, "the first poll should wait for a packet");

        var second = await socket.GetRawAsync();

        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("""{"code":3,"message":"Bad request"}""", second.Body);
        Assert.Equal((HttpStatusCode.OK, "1"), await first);
        Assert.Equal(HttpStatusCode.BadRequest, (await socket.GetRawAsync()).Status);
        await socket.DisposeAsync();
    }

    [SkippableFact]
    public async Task Pings_over_polling_are_answered_and_a_client_ping_gets_its_pong()
    {
        using var http = Factory.CreateClient();
        await using var socket = await PollingTestClient.ConnectAsync(http);

        await socket.SendAsync("2probe-7");

        Assert.Equal("3probe-7", await socket.NextAsync(p => p.StartsWith('3')));
        await Task.Delay(SocketServer.PingInterval * 2.5);
        Assert.True(socket.PingsReceived >= 2, socket.Describe());
    }

    [SkippableFact]
    public async Task The_upgrade_to_websocket_moves_the_session_and_its_room_and_events_follow()
    {
        var b = await (await Owner).NewBaseAsync("upgrader");
        using var status = (await Owner).Client();
        using var http = Factory.CreateClient();
        var polling = await PollingTestClient.ConnectAsync(http, b.Uuid, "/api-gateway/socket.io/", poll: false);
        await polling.SendAsync("40", "420" + new JsonArray { "join-room", b.Uuid, b.Jwt }.ToJsonString());
        var (_, joined) = await polling.GetRawAsync();
        Assert.Contains("""430[{"success":true}]""", joined, StringComparison.Ordinal);

        // socket.io-client's order: a poll pending, the probe on the WebSocket, the poll returns (noop),
        // then "5" and the WebSocket carries everything.
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var pendingPoll = polling.GetRawAsync(timeout.Token);
        var wsClient = Factory.Server.CreateWebSocketClient();
        var uri = new Uri(SocketIoTestClient.SocketUri(Factory.Server.BaseAddress, b.Uuid, "/api-gateway/socket.io/") + "&sid=" + polling.Sid);
        using var ws = await wsClient.ConnectAsync(uri, timeout.Token);
        await SendTextAsync(ws, "2probe");
        Assert.Equal("3probe", await ReceiveTextAsync(ws));
        Assert.Equal((HttpStatusCode.OK, "6"), await pendingPoll);
        await SendTextAsync(ws, "5");

        // Polling is over for this session once the server has read the "5" (until then a poll is answered
        // with a noop, as during the probe); the room membership and the lease moved with it.
        var afterUpgrade = await polling.GetRawAsync();
        while (afterUpgrade == (HttpStatusCode.OK, "6"))
        {
            timeout.Token.ThrowIfCancellationRequested();
            afterUpgrade = await polling.GetRawAsync();
        }

        Assert.Equal((HttpStatusCode.BadRequest, """{"code":3,"message":"Bad request"}"""), afterUpgrade);
        Assert.Equal(HttpStatusCode.BadRequest, (await polling.PostRawAsync("3")).Status);
        using var rows = Factory.BaseClient(b.Jwt);
        var id = (await rows.AppendRowAsync(b, new JsonObject { ["Name"] = "upgraded" })).Str("_id");
        string packet;
        do
        {
            packet = await ReceiveTextAsync(ws);
            if (packet == "2")
            {
                await SendTextAsync(ws, "3");
            }
        }
        while (!packet.StartsWith("42[\"update-dtable\"", StringComparison.Ordinal));

        Assert.Contains(id, packet, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, bool> { ["upgrader"] = true }, await status.ConnectedAsync(b.Owner.WorkspaceId, b.Name));

        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        while ((await ws.ReceiveAsync(new byte[4096], timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        Assert.Equal(new Dictionary<string, bool> { ["upgrader"] = false }, await status.ConnectedAsync(b.Owner.WorkspaceId, b.Name));
    }

    [SkippableFact]
    public async Task A_failed_upgrade_leaves_the_session_on_polling()
    {
        using var http = Factory.CreateClient();
        await using var polling = await PollingTestClient.ConnectAsync(http, poll: false);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var wsClient = Factory.Server.CreateWebSocketClient();
        var uri = new Uri(SocketIoTestClient.SocketUri(Factory.Server.BaseAddress, null) + "&sid=" + polling.Sid);
        using (var ws = await wsClient.ConnectAsync(uri, timeout.Token))
        {
            await SendTextAsync(ws, "40");
            var result = await ws.ReceiveAsync(new byte[4096], timeout.Token);
            Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        }

        polling.StartPolling();
        await polling.ConnectNamespaceAsync();
    }

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static async Task SendTextAsync(WebSocket ws, string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    private static async Task<string> ReceiveTextAsync(WebSocket ws)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
