using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Grains.Connections;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Sockets;

[Collection(SharedServerCollection.Name)]
public sealed class ApiTokensStatusTests_Sqlite(SharedServer server, ClassUsers users) : ApiTokensStatusTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ApiTokensStatusTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ApiTokensStatusTests(server, users);

/// <summary>
/// E8, GET /api/v2.1/workspace/{id}/dtable/{name}/api-tokens-status/ (reference 2 E8 and 5): the list under
/// both keys, who may call it (check_dtable_permission: owner and any share), its 404s and 403s, and that it
/// never shows the API token itself.
/// </summary>
public abstract class ApiTokensStatusTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    private Task<ApiUser> Reader => users.GetAsync(Server, "reader");

    private Task<ApiUser> Writer => users.GetAsync(Server, "writer");

    private Task<ApiUser> Stranger => users.GetAsync(Server, "stranger");

    [SkippableFact]
    public async Task Owner_and_users_with_r_or_rw_shares_see_every_app_under_both_keys_without_the_token()
    {
        var owner = await Owner;
        var reader = await Reader;
        var writer = await Writer;
        using var ownerClient = owner.Client();
        var name = NewBaseName("status");
        await ownerClient.CreateBaseAsync(name);
        var first = await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, name, "app-1", "rw");
        var second = await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, name, "App Two", "r");
        await ownerClient.ShareAsync(owner.WorkspaceId, name, reader.Email, "r");
        await ownerClient.ShareAsync(owner.WorkspaceId, name, writer.Email, "rw");
        var listed = (await ownerClient.GetJsonAsync(TokensUrl(owner.WorkspaceId, name))).Objects("api_tokens")
            .ToDictionary(t => t.Str("app_name"), t => t.Str("last_access"));

        var bodies = new List<string>();
        foreach (var viewer in new[] { owner, reader, writer })
        {
            using var client = viewer.Client();
            var (status, text) = await client.SendRawAsync(HttpMethod.Get, StatusUrl(owner.WorkspaceId, name));
            Assert.True(status == HttpStatusCode.OK, $"{viewer.Email}: {(int)status} {text}");
            var body = JsonNode.Parse(text)!;
            var connected = ParseStatus(body);
            Assert.Equal(new Dictionary<string, bool> { ["app-1"] = false, ["App Two"] = false }, connected);
            foreach (var item in body.Objects("api_status_list"))
            {
                Assert.Equal(listed[item.Str("app_name")], item.Str("last_access"));
            }

            Assert.DoesNotContain(first.Str("api_token"), text, StringComparison.Ordinal);
            Assert.DoesNotContain(second.Str("api_token"), text, StringComparison.Ordinal);
            bodies.Add(text);
        }

        Assert.Single(bodies.Distinct());
    }

    [SkippableFact]
    public async Task A_base_without_tokens_has_empty_lists()
    {
        var owner = await Owner;
        using var client = owner.Client();
        var name = NewBaseName("empty");
        await client.CreateBaseAsync(name);

        var body = await client.GetJsonAsync(StatusUrl(owner.WorkspaceId, name));

        Assert.Equal("""{"api_status_list":[],"app_status":[]}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task Last_access_after_an_exchange_is_the_token_lists()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("exchanger");
        using var client = owner.Client();

        var status = await client.GetJsonAsync(StatusUrl(owner.WorkspaceId, tokenBase.Name));
        var listed = Assert.Single((await client.GetJsonAsync(TokensUrl(owner.WorkspaceId, tokenBase.Name))).Objects("api_tokens"));

        var item = Assert.Single(status.Objects("api_status_list"));
        Assert.Equal("exchanger", item.Str("app_name"));
        Assert.Equal(listed.Str("last_access"), item.Str("last_access"));
        Assert.True(DateTimeOffset.Parse(item.Str("last_access"), System.Globalization.CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(listed.Str("generated_at"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Another_user_and_a_system_admin_who_is_not_the_owner_get_403()
    {
        var owner = await Owner;
        var stranger = await Stranger;
        using var ownerClient = owner.Client();
        var name = NewBaseName("private");
        await ownerClient.CreateBaseAsync(name);
        await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, name, "app");

        using var strangerClient = stranger.Client();
        AssertError(await strangerClient.GetJsonAsync(StatusUrl(owner.WorkspaceId, name), HttpStatusCode.Forbidden), PermissionDenied);
        using var admin = await Server.CreateAdminClientAsync();
        AssertError(await admin.GetJsonAsync(StatusUrl(owner.WorkspaceId, name), HttpStatusCode.Forbidden), PermissionDenied);
    }

    [SkippableFact]
    public async Task Anonymous_gets_403_with_detail()
    {
        var owner = await Owner;
        using var ownerClient = owner.Client();
        var name = NewBaseName("anon");
        await ownerClient.CreateBaseAsync(name);

        using var anonymous = Server.Factory.CreateClient();
        var body = await anonymous.GetJsonAsync(StatusUrl(owner.WorkspaceId, name), HttpStatusCode.Forbidden);

        Assert.Equal($$"""{"detail":"{{NotAuthenticated}}"}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task Unknown_base_and_unknown_workspace_are_404()
    {
        var owner = await Owner;
        using var client = owner.Client();

        var noBase = await client.GetJsonAsync(StatusUrl(owner.WorkspaceId, "no such base"), HttpStatusCode.NotFound);
        Assert.Equal("""{"error_msg":"Table no such base not found."}""", noBase.ToJsonString());

        var noWorkspace = await client.GetJsonAsync(StatusUrl(987_654_321, "whatever"), HttpStatusCode.NotFound);
        Assert.Equal("""{"error_msg":"Workspace 987654321 not found."}""", noWorkspace.ToJsonString());
    }

    [SkippableFact]
    public async Task A_trashed_base_is_404_for_owner_and_reader_and_answers_again_after_restore()
    {
        var owner = await Owner;
        var reader = await Reader;
        using var ownerClient = owner.Client();
        var name = NewBaseName("trashed");
        var table = await ownerClient.CreateBaseAsync(name);
        await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, name, "app");
        await ownerClient.ShareAsync(owner.WorkspaceId, name, reader.Email, "r");
        await ownerClient.DeleteBaseAsync(owner.WorkspaceId, name);

        using var readerClient = reader.Client();
        foreach (var client in new[] { ownerClient, readerClient })
        {
            var body = await client.GetJsonAsync(StatusUrl(owner.WorkspaceId, name), HttpStatusCode.NotFound);
            Assert.Equal($$"""{"error_msg":"Table {{name}} not found."}""", body.ToJsonString());
        }

        await ownerClient.CallAsync(HttpMethod.Put, RestoreUrl(table.Long("id")), null, HttpStatusCode.OK);
        Assert.Equal(new Dictionary<string, bool> { ["app"] = false }, await ownerClient.ConnectedAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task A_joined_socket_shows_its_app_connected_to_every_viewer_and_leaving_clears_it_at_once()
    {
        var owner = await Owner;
        var reader = await Reader;
        var tokenBase = await owner.CreateTokenBaseAsync("live-app");
        using var ownerClient = owner.Client();
        await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, tokenBase.Name, "idle-app", "r");
        await ownerClient.ShareAsync(owner.WorkspaceId, tokenBase.Name, reader.Email, "r");
        using var readerClient = reader.Client();

        await using (var socket = await SocketIoTestClient.ConnectAsync(Server.Factory, tokenBase.Uuid))
        {
            await socket.ConnectNamespaceAsync();
            Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());

            var expected = new Dictionary<string, bool> { ["live-app"] = true, ["idle-app"] = false };
            Assert.Equal(expected, await ownerClient.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));
            Assert.Equal(expected, await readerClient.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));

            await socket.CloseAsync();
        }

        Assert.Equal(new Dictionary<string, bool> { ["live-app"] = false, ["idle-app"] = false },
            await readerClient.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));
    }

    [SkippableFact]
    public async Task A_socket_that_stays_open_shows_connected_at_once_after_its_connections_grain_reactivates()
    {
        var owner = await Owner;
        var tokenBase = await owner.CreateTokenBaseAsync("steady-app");
        using var ownerClient = owner.Client();
        await using var socket = await SocketIoTestClient.ConnectAsync(Server.Factory, tokenBase.Uuid);
        await socket.ConnectNamespaceAsync();
        Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(tokenBase.Uuid, tokenBase.Jwt)).ToJsonString());
        Assert.Equal(new Dictionary<string, bool> { ["steady-app"] = true }, await ownerClient.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));

        // The lease renews only at the next ping (25 s here): every answer below comes from the new activation
        // and what it learnt from the silo's rooms.
        var grains = Server.Factory.Services.GetRequiredService<IGrainFactory>();
        for (var round = 0; round < 3; round++)
        {
            var connections = grains.GetGrain<IBaseConnectionsGrain>(Guid.Parse(tokenBase.Uuid));
            await connections.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
            for (var poll = 0; poll < 5; poll++)
            {
                Assert.Equal(new Dictionary<string, bool> { ["steady-app"] = true }, await ownerClient.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));
            }
        }

        await socket.CloseAsync();
        Assert.Equal(new Dictionary<string, bool> { ["steady-app"] = false }, await ownerClient.ConnectedAsync(owner.WorkspaceId, tokenBase.Name));
    }
}
