using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// The Socket.IO subset on the wire (reference 5; issue 4 "connected (E8)"): the Engine.IO handshake and its
/// refusals, namespaces, "join-room" with good and bad JWTs, and packets no client should send.
/// </summary>
public sealed class SocketProtocolTests(SocketServer server, ClassUsers users) : ApiTests(server), IClassFixture<SocketServer>, IClassFixture<ClassUsers>
{
    private const string Refused = """{"success":false,"error_msg":"Permission denied."}""";

    private SeaTableAppFactory Factory => Server.Factory;

    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableTheory]
    [InlineData("/socket.io/")]
    [InlineData("/dtable-server/socket.io/")]
    [InlineData("/api-gateway/socket.io/")]
    public async Task The_handshake_sends_the_open_packet_with_the_configured_timings(string path)
    {
        await using var first = await SocketIoTestClient.ConnectAsync(Factory, Guid.NewGuid().ToString(), path);
        await using var second = await SocketIoTestClient.ConnectAsync(Factory, null, path);

        Assert.Equal(["maxPayload", "pingInterval", "pingTimeout", "sid", "upgrades"], first.Open.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal((int)SocketServer.PingInterval.TotalMilliseconds, first.Open["pingInterval"]!.GetValue<int>());
        Assert.Equal((int)SocketServer.PingTimeout.TotalMilliseconds, first.Open["pingTimeout"]!.GetValue<int>());
        Assert.Equal(1_000_000, first.Open["maxPayload"]!.GetValue<int>());
        Assert.Equal("[]", first.Open["upgrades"]!.ToJsonString());
        Assert.Matches(@"^[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]+$", first.Sid);
        Assert.NotEqual(first.Sid, second.Sid);
    }

    [SkippableFact]
    public async Task The_server_pings_every_ping_interval_and_keeps_an_answering_client()
    {
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, null);

        await Task.Delay(TimeSpan.FromSeconds(3.5));

        // One ping a second: 3 in 3.5 s, with room for a slow machine.
        Assert.InRange(socket.PingsReceived, 2, 5);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.AssertAnswersPingAsync();
    }

    [SkippableTheory]
    [InlineData("EIO=4", 0, "Transport unknown")]
    [InlineData("EIO=4&transport=flash", 0, "Transport unknown")]
    [InlineData("EIO=3&transport=websocket", 5, "Unsupported protocol version")]
    [InlineData("EIO=3&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("transport=websocket", 5, "Unsupported protocol version")]
    public async Task Unknown_transports_and_other_protocol_versions_are_refused_with_engine_io_errors(string query, int code, string message)
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync("/socket.io/?" + query);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($$"""{"code":{{code}},"message":"{{message}}"}""", text);
    }

    [SkippableFact]
    public async Task A_websocket_upgrade_with_engine_io_3_is_refused()
    {
        var client = Factory.Server.CreateWebSocketClient();
        var uri = SocketIoTestClient.SocketUri(Factory.Server.BaseAddress, null, eio: "3");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(uri, CancellationToken.None));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_plain_get_naming_the_websocket_transport_is_refused()
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync("/socket.io/?EIO=4&transport=websocket");

        var body = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["code", "message"], body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Connecting_the_default_namespace_answers_its_sid()
    {
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, null);

        var connected = await socket.ConnectNamespaceAsync();

        Assert.Equal(["sid"], connected.Select(p => p.Key));
        Assert.False(string.IsNullOrEmpty(connected["sid"]!.GetValue<string>()));
    }

    [SkippableTheory]
    [InlineData("40/admin,", "/admin")]
    [InlineData("40/admin", "/admin")]
    [InlineData("""40/chat,{"token":"x"}""", "/chat")]
    public async Task Connecting_another_namespace_is_a_connect_error_and_the_socket_stays(string packet, string nsp)
    {
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, null);

        await socket.SendRawAsync(packet);

        var reply = await socket.NextAsync(p => p.StartsWith("44", StringComparison.Ordinal));
        Assert.Equal($$"""44{{nsp}},{"message":"Invalid namespace"}""", reply);
        await socket.AssertAnswersPingAsync();
        await socket.ConnectNamespaceAsync();
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Join_room_outside_a_connected_namespace_does_not_count(bool connectDefaultFirst)
    {
        // Socket.IO serves a packet only in a namespace the client connected ("40" for "/"); the reference
        // server closes the connection on any other packet (socket.io lib/client.ts ondecoded: "invalid state").
        var tokenBase = await (await Owner).CreateTokenBaseAsync("no-namespace");
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        if (connectDefaultFirst)
        {
            await socket.ConnectNamespaceAsync();
        }

        var join = new JsonArray { "join-room", tokenBase.Uuid, tokenBase.Jwt }.ToJsonString();
        await socket.SendRawAsync(connectDefaultFirst ? "42/other,7" + join : "427" + join);

        // Whatever the server does with it (ignore it, or close the socket as socket.io does), the app must not count.
        await Task.WhenAny(socket.Closed, socket.NextAsync(p => p.StartsWith("43", StringComparison.Ordinal), TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default));
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
        await AssertStatusAsync(tokenBase, false);
    }

    [SkippableFact]
    public async Task Join_room_with_the_app_jwt_succeeds_and_the_app_shows_connected()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("joiner");
        using var client = owner.Client();
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();

        var ack = await socket.EmitWithAckAsync("join-room", tokenBase.Uuid, tokenBase.Jwt);

        Assert.Equal("""[{"success":true}]""", ack.ToJsonString());
        Assert.Equal(new Dictionary<string, bool> { ["joiner"] = true }, await client.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));
        Assert.Equal(["joiner"], await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableFact]
    public async Task Join_room_accepts_the_uuid_without_dashes_and_a_socket_without_the_query()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("hex-joiner");
        var hex = Guid.Parse(tokenBase.Uuid).ToString("N");
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, null);
        await socket.ConnectNamespaceAsync();

        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(hex, tokenBase.Jwt)).ToJsonString());
        Assert.Equal(["hex-joiner"], await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableFact]
    public async Task Join_room_with_a_forged_signature_is_refused()
    {
        var tokenBase = await (await Owner).CreateTokenBaseAsync("forged");
        var forged = Sign(Payload(tokenBase.Jwt), new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)));
        var parts = tokenBase.Jwt.Split('.');
        var otherPayload = Payload(tokenBase.Jwt);
        otherPayload["permission"] = "r";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(otherPayload.ToJsonString())}.{parts[2]}";
        var unsigned = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";

        foreach (var jwt in new[] { forged, tampered, unsigned, "not-a-jwt", "" })
        {
            await AssertRefusedAsync(tokenBase, tokenBase.Uuid, tokenBase.Uuid, jwt, Refused);
        }
    }

    [SkippableFact]
    public async Task Join_room_with_an_expired_jwt_is_refused_as_expired()
    {
        var tokenBase = await (await Owner).CreateTokenBaseAsync("expired");
        var expired = Factory.WithExpiry(tokenBase.Jwt, DateTimeOffset.UtcNow.AddHours(-1));

        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, tokenBase.Uuid, expired, """{"success":false,"error_msg":"Token expired."}""");

        // Expired a few seconds ago, inside the validator's clock skew: still refused.
        var justExpired = Factory.WithExpiry(tokenBase.Jwt, DateTimeOffset.UtcNow.AddSeconds(-10));
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        var ack = await socket.JoinRoomAsync(tokenBase.Uuid, justExpired);
        Assert.False(ack["success"]!.GetValue<bool>(), ack.ToJsonString());
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableFact]
    public async Task Join_room_with_the_jwt_of_another_base_is_refused()
    {
        var owner = await Owner;
        var target = await owner.CreateTokenBaseAsync("target-app");
        var other = await owner.CreateTokenBaseAsync("other-app");

        // The other base's JWT for this base's room, on a socket opened for this base.
        await AssertRefusedAsync(target, target.Uuid, target.Uuid, other.Jwt, Refused);
        await AssertStatusAsync(other, false);
    }

    [SkippableFact]
    public async Task Join_room_with_a_uuid_that_differs_from_the_jwt_or_the_query_is_refused()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("mismatch");
        var other = await owner.CreateTokenBaseAsync("mismatch-other");

        // Argument differs from the JWT's uuid.
        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, Guid.NewGuid().ToString(), tokenBase.Jwt, Refused);
        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, other.Uuid, tokenBase.Jwt, Refused);

        // Argument and JWT agree, but the socket was opened for another base (?dtable_uuid=).
        await AssertRefusedAsync(other, tokenBase.Uuid, other.Uuid, other.Jwt, Refused);
        await AssertStatusAsync(tokenBase, false);

        // Missing or mistyped arguments.
        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, null, tokenBase.Jwt, Refused);
        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, "not-a-uuid", tokenBase.Jwt, Refused);
        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, 42, tokenBase.Jwt, Refused);
        await AssertRefusedAsync(tokenBase, tokenBase.Uuid, tokenBase.Uuid, 42, Refused);
    }

    [SkippableFact]
    public async Task Malformed_packets_do_not_break_the_socket()
    {
        var tokenBase = await (await Owner).CreateTokenBaseAsync("malformed");
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        string[] packets =
        [
            "42[", "4x", "4", "", " ", "9", "x", "3", "43", "43[", "44", "45", "42", "42{}", "42[]", "42[1,2]", "42null", "42\"join-room\"",
            "42[\"join-room\"", "42/ns", "42/ns,[", "4/", "4299999999999999999999999999[\"x\"]", "42" + new string('[', 5000),
            "42[\"unknown-event\",{\"a\":1}]", "42[\"join-room\"]", "40{\"not\":", "\u0000\uffff",
        ];

        foreach (var packet in packets)
        {
            await socket.SendRawAsync(packet);
            await socket.AssertAnswersPingAsync();
        }

        // An ack is still answered for an event with bad arguments, and the socket still joins afterwards.
        Assert.Equal("[]", (await socket.EmitWithAckAsync("unknown-event")).ToJsonString());
        Assert.Equal($"[{Refused}]", (await socket.EmitWithAckAsync("join-room", 1, 2)).ToJsonString());
        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(["malformed"], await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableFact]
    public async Task A_message_over_one_megabyte_closes_the_socket_and_ends_its_connection()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("oversized");
        using var client = owner.Client();
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());

        await socket.SendRawAsync("42[\"note\",\"" + new string('a', 1_100_000) + "\"]");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.WaitClosedAsync(TimeSpan.FromSeconds(10)));
        await client.WaitConnectedAsync(owner.WorkspaceId, tokenBase.Name, "oversized", false, TimeSpan.FromSeconds(2));
    }

    [SkippableFact]
    public async Task A_message_just_under_the_limit_is_accepted()
    {
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, null);
        await socket.ConnectNamespaceAsync();

        var ack = await socket.EmitWithAckAsync("note", new string('a', 990_000));

        Assert.Equal("[]", ack.ToJsonString());
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.AssertAnswersPingAsync();
    }

    /// <summary>Joins on a fresh socket opened with ?dtable_uuid=<paramref name="queryUuid"/>; expects that ack and the base not connected.</summary>
    private async Task AssertRefusedAsync(TokenBase tokenBase, string queryUuid, JsonNode? uuidArgument, JsonNode? jwt, string expectedAck)
    {
        await using (var socket = await SocketIoTestClient.ConnectAsync(Factory, queryUuid))
        {
            await socket.ConnectNamespaceAsync();
            var ack = await socket.EmitWithAckAsync("join-room", uuidArgument, jwt);
            Assert.True($"[{expectedAck}]" == ack.ToJsonString(), $"join-room({uuidArgument?.ToJsonString()}, {jwt?.ToJsonString()}): {ack.ToJsonString()}");

            // Refused, but still served.
            await socket.AssertAnswersPingAsync();
            await AssertStatusAsync(tokenBase, false);
            Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
        }
    }

    private static async Task AssertStatusAsync(TokenBase tokenBase, bool connected)
    {
        using var client = tokenBase.Owner.Client();
        Assert.Equal(new Dictionary<string, bool> { [tokenBase.AppName] = connected }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
    }
}
