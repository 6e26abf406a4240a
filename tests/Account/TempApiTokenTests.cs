using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Account;

[Collection(SharedServerCollection.Name)]
public sealed class TempApiTokenTests_Sqlite(SharedServer server, ClassUsers users) : TempApiTokenTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class TempApiTokenTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : TempApiTokenTests(server, users);

/// <summary>
/// GET …/temp-api-token/ (reference 8.8): what the Python client's Account.get_base does with it (app-access-token,
/// then the row API), for the owner, a read-only share and everyone else, and its revocation.
/// </summary>
public abstract class TempApiTokenTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    private static string TempUrl(long workspaceId, string name) =>
        $"/api/v2.1/workspace/{workspaceId}/dtable/{Uri.EscapeDataString(name)}/temp-api-token/";

    [SkippableFact]
    public async Task The_owners_temporary_token_is_exchanged_like_an_api_token_and_writes_as_the_owner()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "temp");
        using var owner = b.Owner.Client();
        var temp = (await owner.GetJsonAsync(TempUrl(b.Owner.WorkspaceId, b.Name))).Str("api_token");
        Assert.StartsWith("eyJ", temp);

        var access = await Server.Factory.ExchangeAsync(temp);
        Assert.Equal("scripts", access.Str("app_name"));
        Assert.Equal(b.Uuid, access.Str("dtable_uuid"));
        Assert.Equal(b.Name, access.Str("dtable_name"));
        Assert.Equal(b.Owner.WorkspaceId, access.Long("workspace_id"));
        using var rows = Server.Factory.BaseClient(access.Str("access_token"));
        var row = await rows.AppendRowAsync(new RowBase(b.Owner, b.Name, b.Uuid, "scripts", temp, access.Str("access_token")), new JsonObject { ["Name"] = "by script" });
        Assert.Equal(b.Owner.Id, row.Str("_creator"));
        // The other app calls take it too.
        Assert.Equal(HttpStatusCode.OK, (await Server.Factory.ExchangeRawAsync($"Token {temp}", "/api/v2.1/dtable/app-upload-link/")).Status);
    }

    [SkippableFact]
    public async Task A_read_only_share_gets_a_read_only_token_and_strangers_none()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "temp");
        using var owner = b.Owner.Client();
        var reader = await ClassUsers.CreateAsync(Server, "reader");
        var stranger = await ClassUsers.CreateAsync(Server, "stranger");
        await owner.ShareAsync(b.Owner.WorkspaceId, b.Name, reader.Id, "r");

        using var readerClient = reader.Client();
        var temp = (await readerClient.GetJsonAsync(TempUrl(b.Owner.WorkspaceId, b.Name))).Str("api_token");
        var jwt = (await Server.Factory.ExchangeAsync(temp)).Str("access_token");
        using var rows = Server.Factory.BaseClient(jwt);
        var rb = new RowBase(b.Owner, b.Name, b.Uuid, "scripts", temp, jwt);
        Assert.NotEmpty(await rows.ListRowsAsync(rb));
        AssertError(await rows.SendJsonAsync(HttpMethod.Post, rb.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject() }, HttpStatusCode.Forbidden), PermissionDenied);

        using var strangerClient = stranger.Client();
        AssertError(await strangerClient.CallAsync(HttpMethod.Get, TempUrl(b.Owner.WorkspaceId, b.Name), null, HttpStatusCode.Forbidden), PermissionDenied);
        AssertError(await owner.CallAsync(HttpMethod.Get, TempUrl(b.Owner.WorkspaceId, "no such base"), null, HttpStatusCode.NotFound), "dtable no such base not found.");
        using var anonymous = Server.Factory.CreateClient();
        AssertDetail(await anonymous.CallAsync(HttpMethod.Get, TempUrl(b.Owner.WorkspaceId, b.Name), null, HttpStatusCode.Forbidden), NotAuthenticated);
        // The system admin has no access of their own to the base; an API token or a base token is no login token.
        using var admin = await Server.CreateAdminClientAsync();
        AssertError(await admin.CallAsync(HttpMethod.Get, TempUrl(b.Owner.WorkspaceId, b.Name), null, HttpStatusCode.Forbidden), PermissionDenied);
        foreach (var token in new[] { b.ApiToken, b.Jwt })
        {
            using var wrong = Server.Factory.BaseClient(token);
            AssertDetail(await wrong.CallAsync(HttpMethod.Get, TempUrl(b.Owner.WorkspaceId, b.Name), null, HttpStatusCode.Unauthorized), "Invalid token");
        }

        // Unshared: the temporary token stops working.
        await owner.CallAsync(HttpMethod.Delete, ShareUrl(b.Owner.WorkspaceId, b.Name), Bodies.Form(("email", reader.Id)), HttpStatusCode.OK);
        AssertError(await Server.Factory.ExchangeAsync(temp, HttpStatusCode.Forbidden), PermissionDenied);
    }

    [SkippableFact]
    public async Task Altered_or_misused_tokens_are_refused()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "temp");
        using var owner = b.Owner.Client();
        var temp = (await owner.GetJsonAsync(TempUrl(b.Owner.WorkspaceId, b.Name))).Str("api_token");

        AssertError(await Server.Factory.ExchangeAsync(temp[..^2] + (temp[^2] == 'A' ? "BB" : "AA"), HttpStatusCode.Forbidden), PermissionDenied);
        // A base token is not a temporary API token, nor the other way round.
        AssertError(await Server.Factory.ExchangeAsync(b.Jwt, HttpStatusCode.Forbidden), PermissionDenied);
        using var asBaseToken = Server.Factory.BaseClient(temp);
        Assert.Equal(HttpStatusCode.Forbidden, (await asBaseToken.SendRawAsync(HttpMethod.Get, b.V1("rows/?table_name=Table1"))).Status);

        // Trashed: refused.
        await owner.DeleteBaseAsync(b.Owner.WorkspaceId, b.Name);
        AssertError(await Server.Factory.ExchangeAsync(temp, HttpStatusCode.Forbidden), PermissionDenied);
    }
}

/// <summary>The temporary token's lifetime, on a clock the test moves.</summary>
public sealed class TempApiTokenLifetimeTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static TempApiTokens Tokens(ManualClock clock, TimeSpan? lifetime = null)
    {
        var options = Options.Create(new BaseTokenOptions { Secret = new string('s', 40), TempApiTokenLifetime = lifetime ?? TimeSpan.FromHours(1) });
        return new TempApiTokens(new BaseTokenIssuer(options, clock), options, clock);
    }

    [Fact]
    public async Task It_works_for_an_hour_and_not_after()
    {
        var clock = new ManualClock();
        var tokens = Tokens(clock);
        var uuid = Guid.NewGuid();
        var token = tokens.Issue(uuid, "user@auth.local");

        clock.Now += TimeSpan.FromMinutes(59);
        var grant = await tokens.ValidateAsync(token);
        Assert.NotNull(grant);
        Assert.Equal(uuid, grant.DTableUuid);
        Assert.Equal("user@auth.local", grant.Username);

        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Null(await tokens.ValidateAsync(token));
    }

    [Fact]
    public async Task The_lifetime_is_configurable_and_another_servers_token_is_refused()
    {
        var clock = new ManualClock();
        var tokens = Tokens(clock, TimeSpan.FromMinutes(5));
        var token = tokens.Issue(Guid.NewGuid(), "user@auth.local");
        clock.Now += TimeSpan.FromMinutes(6);
        Assert.Null(await tokens.ValidateAsync(token));

        var options = Options.Create(new BaseTokenOptions { Secret = new string('t', 40) });
        var other = new TempApiTokens(new BaseTokenIssuer(options, clock), options, clock);
        Assert.Null(await tokens.ValidateAsync(other.Issue(Guid.NewGuid(), "user@auth.local")));
    }
}
