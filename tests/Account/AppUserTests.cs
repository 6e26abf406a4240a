using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Account;

[Collection(SharedServerCollection.Name)]
public sealed class AppUserTests_Sqlite(SharedServer server, ClassUsers users) : AppUserTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AppUserTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AppUserTests(server, users);

/// <summary>The Python client's get_related_users (base token) and get_user_info (API token).</summary>
public abstract class AppUserTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task Related_users_are_the_owner_and_the_share_holders_and_user_info_finds_them()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "users");
        var reader = await ClassUsers.CreateAsync(Server, "reader");
        var stranger = await ClassUsers.CreateAsync(Server, "stranger");
        using var owner = b.Owner.Client();
        await owner.ShareAsync(b.Owner.WorkspaceId, b.Name, reader.Id, "r");

        using var app = Server.Factory.BaseClient(b.Jwt);
        var list = (await app.GetJsonAsync($"/api/v2.1/dtables/{b.Uuid}/related-users/")).Objects("user_list");
        Assert.Equal([b.Owner.Id, reader.Id], list.Select(u => u.Str("email")));
        Assert.Equal(reader.Email, list[1].Str("contact_email"));
        Assert.Equal(reader.Name, list[1].Str("name"));

        using var token = Server.Factory.BaseClient(b.ApiToken);
        var byEmail = await token.GetJsonAsync($"/api/v2.1/dtable/app-user-info/?username={Uri.EscapeDataString(reader.Email)}");
        Assert.Equal(reader.Id, byEmail.Str("email"));
        Assert.Equal(reader.Name, byEmail.Str("name"));
        Assert.Equal(reader.Id, (await token.GetJsonAsync($"/api/v2.1/dtable/app-user-info/?email={Uri.EscapeDataString(reader.Id)}")).Str("email"));

        // Bad input and users beyond the base.
        AssertError(await token.CallAsync(HttpMethod.Get, "/api/v2.1/dtable/app-user-info/", null, HttpStatusCode.BadRequest), "username invalid.");
        AssertError(await token.CallAsync(HttpMethod.Get, $"/api/v2.1/dtable/app-user-info/?username={Uri.EscapeDataString(stranger.Email)}", null, HttpStatusCode.NotFound),
            $"User {stranger.Email} not found.");
        using var anonymous = Server.Factory.CreateClient();
        AssertError(await anonymous.CallAsync(HttpMethod.Get, "/api/v2.1/dtable/app-user-info/?username=x", null, HttpStatusCode.Forbidden), PermissionDenied);
        // The base token of another base, a login token: refused.
        var other = await b.Owner.NewBaseAsync(prefix: "other");
        using var otherApp = Server.Factory.BaseClient(other.Jwt);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApp.SendRawAsync(HttpMethod.Get, $"/api/v2.1/dtables/{b.Uuid}/related-users/")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.SendRawAsync(HttpMethod.Get, $"/api/v2.1/dtables/{b.Uuid}/related-users/")).Status);
    }
}
