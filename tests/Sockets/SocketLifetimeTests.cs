using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// How long an app counts as connected (issue 4 "connected (E8)"): while its socket lives and answers pings,
/// and no longer once the socket closes, stops answering, its API token is deleted, its base trashed or its
/// JWT expires. Timings: ping every 1 s, 1 s to answer, leases of 3 s (<see cref="SocketServer"/>).
/// </summary>
public sealed class SocketLifetimeTests(SocketServer server, ClassUsers users, ITestOutputHelper output)
    : ApiTests(server), IClassFixture<SocketServer>, IClassFixture<ClassUsers>
{
    /// <summary>Room for a busy machine (the test run starts many servers at once) on top of every expected delay.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    private SeaTableAppFactory Factory => Server.Factory;

    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task A_socket_that_keeps_answering_pings_stays_connected_past_its_lease()
    {
        var (tokenBase, socket, client) = await JoinAsync("steady");
        await using var _ = socket;
        using var __ = client;

        await Task.Delay(SocketServer.LeaseDuration * 2.5);

        Assert.True(socket.PingsReceived >= 4, $"only {socket.PingsReceived} pings in 7.5 s");
        Assert.Equal(new Dictionary<string, bool> { ["steady"] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
    }

    [SkippableFact]
    public async Task Closing_the_socket_shows_disconnected_at_once()
    {
        var (tokenBase, socket, client) = await JoinAsync("closer");
        using var _ = client;

        await socket.CloseAsync();
        await socket.DisposeAsync();

        Assert.Equal(new Dictionary<string, bool> { ["closer"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableTheory]
    [InlineData("41")]
    [InlineData("1")]
    public async Task A_disconnect_packet_closes_the_socket_and_shows_disconnected_at_once(string packet)
    {
        var (tokenBase, socket, client) = await JoinAsync("leaver");
        await using var _ = socket;
        using var __ = client;

        await socket.SendRawAsync(packet);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.WaitClosedAsync(Slack));
        Assert.Equal(new Dictionary<string, bool> { ["leaver"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
    }

    [SkippableFact]
    public async Task Two_sockets_of_one_app_count_until_the_last_one_leaves()
    {
        var (tokenBase, first, client) = await JoinAsync("twice");
        using var _ = client;
        await using var second = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await second.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await second.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());

        await first.CloseAsync();
        await first.DisposeAsync();
        Assert.Equal(new Dictionary<string, bool> { ["twice"] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));

        await second.CloseAsync();
        Assert.Equal(new Dictionary<string, bool> { ["twice"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
    }

    [SkippableFact]
    public async Task Joining_another_room_leaves_the_first()
    {
        var (first, socket, client) = await JoinAsync("hopper");
        await using var _ = socket;
        using var __ = client;
        var second = await (await Owner).CreateTokenBaseAsync("hopper-2");

        // A socket opened with ?dtable_uuid= of the first base cannot join another room, and stays in its own.
        Assert.Equal("""{"success":false,"error_msg":"Permission denied."}""", (await socket.JoinRoomAsync(second.Uuid, second.Jwt)).ToJsonString());
        Assert.Equal(["hopper"], await Factory.ConnectedAppsAsync(first.Uuid));

        await using var free = await SocketIoTestClient.ConnectAsync(Factory, null);
        await free.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await free.JoinRoomAsync(first.Uuid, first.Jwt)).ToJsonString());
        Assert.Equal("""{"success":true}""", (await free.JoinRoomAsync(second.Uuid, second.Jwt)).ToJsonString());
        Assert.Equal(["hopper-2"], await Factory.ConnectedAppsAsync(second.Uuid));

        // The socket opened without ?dtable_uuid= moved from the first room to the second: once the other
        // socket leaves, nobody holds the first base's room.
        await socket.CloseAsync();
        Assert.Equal(new Dictionary<string, bool> { ["hopper"] = false }, await client.ConnectedAsync(first.WorkspaceId, first.Name));
        Assert.Equal(new Dictionary<string, bool> { ["hopper-2"] = true }, await client.ConnectedAsync(second.WorkspaceId, second.Name));
    }

    [SkippableFact]
    public async Task A_client_that_stops_answering_pings_is_dropped_and_shows_disconnected()
    {
        var (tokenBase, socket, client) = await JoinAsync("silent");
        await using var _ = socket;
        using var __ = client;

        var clock = Stopwatch.StartNew();
        socket.AnswerPings = false;

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.WaitClosedAsync(SocketServer.PingInterval * 2 + SocketServer.PingTimeout + Slack));
        var dropped = clock.Elapsed;
        var shown = await client.WaitConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name, "silent", false, Slack);
        Report($"silent client (answers the close): dropped after {dropped.TotalSeconds:F1} s, disconnected after {(dropped + shown).TotalSeconds:F1} s (ping {SocketServer.PingInterval.TotalSeconds} s, timeout {SocketServer.PingTimeout.TotalSeconds} s)");
    }

    [SkippableFact]
    public async Task A_frozen_client_is_dropped_and_its_lease_runs_out()
    {
        var (tokenBase, socket, client) = await JoinAsync("frozen");
        await using var _ = socket;
        using var __ = client;

        // Neither pongs nor an answer to the server's close frame: the server cannot release the lease and
        // must rely on it running out.
        var clock = Stopwatch.StartNew();
        socket.AnswerClose = false;
        socket.AnswerPings = false;

        var bound = SocketServer.PingInterval + SocketServer.PingTimeout + SocketServer.LeaseDuration;
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.WaitClosedAsync(SocketServer.PingInterval * 2 + SocketServer.PingTimeout + Slack));
        var dropped = clock.Elapsed;
        await client.WaitConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name, "frozen", false, bound + Slack);
        var shown = clock.Elapsed;
        Report($"frozen client: close frame after {dropped.TotalSeconds:F1} s, disconnected after {shown.TotalSeconds:F1} s (bound ping+timeout+lease = {bound.TotalSeconds:F0} s)");
        Assert.True(shown > SocketServer.PingTimeout, $"disconnected after {shown.TotalSeconds:F1} s, before the client could have missed a pong");
    }

    [SkippableFact]
    public async Task Deleting_the_api_token_closes_the_joined_socket_on_its_next_ping()
    {
        var (tokenBase, socket, client) = await JoinAsync("doomed");
        await using var _ = socket;
        using var __ = client;

        var clock = Stopwatch.StartNew();
        await client.DeleteApiTokenAsync(tokenBase.WorkspaceId, tokenBase.Name, "doomed");

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitClosedAsync(SocketServer.PingInterval + Slack));
        var closed = clock.Elapsed;
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));

        // A new token under the same app name does not inherit the old socket.
        var recreated = await client.CreateApiTokenAsync(tokenBase.WorkspaceId, tokenBase.Name, "doomed");
        Assert.NotEqual(tokenBase.ApiToken, recreated.Str("api_token"));
        Assert.Equal(new Dictionary<string, bool> { ["doomed"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
        Report($"deleted token: socket closed {closed.TotalSeconds:F1} s after the delete (ping {SocketServer.PingInterval.TotalSeconds} s)");
    }

    [SkippableFact]
    public async Task The_old_jwt_cannot_join_after_its_token_was_deleted()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("revoked");
        using var client = owner.Client();
        await client.DeleteApiTokenAsync(tokenBase.WorkspaceId, tokenBase.Name, "revoked");

        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();

        Assert.Equal("""{"success":false,"error_msg":"Permission denied."}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
    }

    [SkippableFact]
    public async Task Trashing_the_base_closes_the_joined_socket_and_a_restore_shows_it_disconnected()
    {
        var (tokenBase, socket, client) = await JoinAsync("trashed");
        await using var _ = socket;
        using var __ = client;
        var id = (await client.FindOwnBaseAsync(tokenBase.Name))!.Long("id");

        var clock = Stopwatch.StartNew();
        await client.DeleteBaseAsync(tokenBase.WorkspaceId, tokenBase.Name);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitClosedAsync(SocketServer.PingInterval + Slack));
        var closed = clock.Elapsed;
        Assert.Empty(await Factory.ConnectedAppsAsync(tokenBase.Uuid));
        await client.GetJsonAsync(StatusUrl(tokenBase.WorkspaceId, tokenBase.Name), HttpStatusCode.NotFound);

        await client.CallAsync(HttpMethod.Put, RestoreUrl(id), null, HttpStatusCode.OK);
        Assert.Equal(new Dictionary<string, bool> { ["trashed"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
        Report($"trashed base: socket closed {closed.TotalSeconds:F1} s after the delete");

        // The JWT works again once the base is back.
        await using var again = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await again.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await again.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());
    }

    [SkippableFact]
    public async Task A_socket_whose_jwt_expires_is_closed_and_shows_disconnected()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("short-lived");
        using var client = owner.Client();
        var expires = DateTimeOffset.UtcNow.AddSeconds(4);
        var jwt = Factory.WithExpiry(tokenBase.Jwt, expires);
        await using var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, jwt)).ToJsonString());
        Assert.Equal(new Dictionary<string, bool> { ["short-lived"] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.WaitClosedAsync(TimeSpan.FromSeconds(4) + SocketServer.PingInterval + Slack));
        var late = DateTimeOffset.UtcNow - expires;
        Assert.Equal(new Dictionary<string, bool> { ["short-lived"] = false }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
        Assert.True(late > TimeSpan.FromSeconds(-1.01), $"closed {(-late).TotalSeconds:F1} s before the JWT expired");
        Report($"expiring JWT: socket closed {late.TotalSeconds:F1} s after exp");
    }

    /// <summary>A new base with a token for <paramref name="appName"/>, a socket joined to its room, and the owner's client.</summary>
    private async Task<(TokenBase Base, SocketIoTestClient Socket, HttpClient Client)> JoinAsync(string appName)
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync(appName);
        var socket = await SocketIoTestClient.ConnectAsync(Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());
        var client = owner.Client();
        Assert.Equal(new Dictionary<string, bool> { [appName] = true }, await client.ConnectedAsync(tokenBase.WorkspaceId, tokenBase.Name));
        return (tokenBase, socket, client);
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
