using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.ApiTokens;

[Collection(SharedServerCollection.Name)]
public sealed class AppAccessTokenTests_Sqlite(SharedServer server, ClassUsers users) : AppAccessTokenTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AppAccessTokenTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AppAccessTokenTests(server, users);

/// <summary>
/// GET /api/v2.1/dtable/app-access-token/ (reference 3 E5, 4.1 JWT claims, 10.2, 10.3 case 4): the answer, the
/// JWT verified with the server's key, header errors, last_access, and tokens of trashed, restored and purged bases.
/// </summary>
public abstract class AppAccessTokenTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const int ThreeDays = 259_200;

    private Task<ApiUser> OwnerAsync() => users.GetAsync(Server, "apps");

    /// <summary>A new base of the owner with one token.</summary>
    private async Task<(ApiUser Owner, string Name, JsonObject Table, JsonObject Token)> NewTokenAsync(
        string appName = "gmail", string permission = "rw", ApiUser? owner = null)
    {
        owner ??= await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("app");
        var table = await client.CreateBaseAsync(name);
        var token = await client.CreateTokenAsync(owner.WorkspaceId, name, appName, permission);
        return (owner, name, table, token);
    }

    [SkippableTheory]
    [InlineData("Token", AppAccessToken)]
    [InlineData("Bearer", AppAccessToken)]
    [InlineData("token", AppAccessToken)]
    [InlineData("Token", AppAccessTokenOldPath)]
    [InlineData("Bearer", AppAccessTokenOldPath)]
    public async Task The_api_token_is_exchanged_for_the_base_token_and_the_base_address(string scheme, string path)
    {
        var (owner, name, table, token) = await NewTokenAsync("mail client");

        var body = await Server.Factory.ExchangeAsync(token.Str("api_token"), scheme: scheme, path: path);

        AssertKeys(body, AccessFields);
        Assert.Equal("mail client", body.Str("app_name"));
        Assert.Equal(table.Str("uuid"), body.Str("dtable_uuid"));
        Assert.Matches(DashedUuid(), body.Str("dtable_uuid"));
        var server = Server.Factory.PublicBase();
        Assert.Equal(server + "dtable-server/", body.Str("dtable_server"));
        Assert.EndsWith("/dtable-server/", body.Str("dtable_server"), StringComparison.Ordinal);
        Assert.Equal(server, body.Str("dtable_socket"));
        Assert.EndsWith("/", body.Str("dtable_socket"), StringComparison.Ordinal);
        Assert.Equal(server + "dtable-db/", body.Str("dtable_db"));
        Assert.EndsWith("/dtable-db/", body.Str("dtable_db"), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, JsonValueKindOf(body["workspace_id"]));
        Assert.Equal(owner.WorkspaceId, body.Long("workspace_id"));
        Assert.Equal(name, body.Str("dtable_name"));
        Assert.False(body["use_api_gateway"]!.GetValue<bool>());
        Assert.StartsWith("eyJ", body.Str("access_token"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("r")]
    [InlineData("rw")]
    public async Task The_base_token_is_an_HS256_JWT_with_SeaTables_claims(string permission)
    {
        var (owner, _, table, token) = await NewTokenAsync("gmail", permission);

        var body = await Server.Factory.ExchangeAsync(token.Str("api_token"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var (header, payload) = await Server.Factory.VerifyJwtAsync(body.Str("access_token"));
        Assert.Equal("HS256", header.Str("alg"));
        Assert.Equal("JWT", header.Str("typ"));
        AssertKeys(payload, JwtClaims);
        Assert.InRange(payload.Long("exp"), now + ThreeDays - 120, now + ThreeDays + 120);
        Assert.Equal(table.Str("uuid"), payload.Str("dtable_uuid"));
        Assert.Equal(permission, payload.Str("permission"));
        Assert.Equal("gmail", payload.Str("app_name"));
        Assert.Equal("", payload.Str("username"));
        Assert.Equal("", payload.Str("id_in_org"));
        Assert.Equal(-1, payload.Long("org_id"));
        Assert.Equal(owner.Id, payload.Str("owner_id"));
        Assert.Equal(
            """{"current_user_department_ids":[],"current_user_department_and_sub_ids":[]}""",
            payload["user_department_ids_map"]!.ToJsonString());
        Assert.Matches(TokenId(), payload.Str("token_id"));
        Assert.NotEqual(token.Str("api_token"), payload.Str("token_id"));
        Assert.True(payload["token_version"]!.GetValue<int>() >= 1);

        // Another key does not verify it.
        Assert.False(await VerifiesWithAsync(body.Str("access_token"), new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64)))));
    }

    [SkippableFact]
    public async Task The_token_version_rises_when_the_permission_changes_and_the_id_stays()
    {
        var (owner, name, _, token) = await NewTokenAsync("versioned", "r");
        using var client = owner.Client();
        var before = (await Server.Factory.VerifyJwtAsync((await Server.Factory.ExchangeAsync(token.Str("api_token"))).Str("access_token"))).Payload;

        await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "versioned"), Bodies.Json(("permission", "rw")), HttpStatusCode.OK);
        var after = (await Server.Factory.VerifyJwtAsync((await Server.Factory.ExchangeAsync(token.Str("api_token"))).Str("access_token"))).Payload;

        Assert.Equal("r", before.Str("permission"));
        Assert.Equal("rw", after.Str("permission"));
        Assert.Equal(before.Str("token_id"), after.Str("token_id"));
        Assert.True(after["token_version"]!.GetValue<int>() > before["token_version"]!.GetValue<int>(),
            $"token_version {before["token_version"]} -> {after["token_version"]}");

        // A refused update (same permission) does not raise it.
        await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "versioned"), Bodies.Json(("permission", "rw")), HttpStatusCode.BadRequest);
        var again = (await Server.Factory.VerifyJwtAsync((await Server.Factory.ExchangeAsync(token.Str("api_token"))).Str("access_token"))).Payload;
        Assert.Equal(after["token_version"]!.GetValue<int>(), again["token_version"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_token_of_base_A_gives_a_JWT_for_A_never_for_B()
    {
        var owner = await OwnerAsync();
        var a = await NewTokenAsync("same app", "r", owner);
        var b = await NewTokenAsync("same app", "rw", owner);

        var forA = await Server.Factory.ExchangeAsync(a.Token.Str("api_token"));
        var forB = await Server.Factory.ExchangeAsync(b.Token.Str("api_token"));

        Assert.Equal(a.Table.Str("uuid"), forA.Str("dtable_uuid"));
        Assert.Equal(a.Name, forA.Str("dtable_name"));
        Assert.Equal(a.Table.Str("uuid"), (await Server.Factory.VerifyJwtAsync(forA.Str("access_token"))).Payload.Str("dtable_uuid"));
        Assert.Equal("r", (await Server.Factory.VerifyJwtAsync(forA.Str("access_token"))).Payload.Str("permission"));
        Assert.Equal(b.Table.Str("uuid"), forB.Str("dtable_uuid"));
        Assert.Equal(b.Table.Str("uuid"), (await Server.Factory.VerifyJwtAsync(forB.Str("access_token"))).Payload.Str("dtable_uuid"));
        Assert.NotEqual(a.Table.Str("uuid"), b.Table.Str("uuid"));
    }

    public static TheoryData<string?> MalformedHeaders => new()
    {
        null,
        "",
        "Token",
        "Bearer",
        "Token ",
        "Basic x",
        "Basic dXNlcjpwYXNz",
        "Token a b",
        "Token\t",
    };

    [SkippableTheory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task A_missing_or_malformed_header_is_403_permission_denied(string? authorization)
    {
        var (status, body) = await Server.Factory.ExchangeRawAsync(authorization);

        Assert.True(status == HttpStatusCode.Forbidden, $"{authorization}: {(int)status} {body.ToJsonString()}");
        Assert.Equal("""{"error_msg":"Permission denied."}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task A_valid_token_under_another_scheme_is_403()
    {
        var (_, _, _, token) = await NewTokenAsync();

        var (status, body) = await Server.Factory.ExchangeRawAsync("Basic " + token.Str("api_token"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"error_msg":"Permission denied."}""", body.ToJsonString());
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unknown_token_is_404_api_token_not_found(bool nearMiss)
    {
        string unknown;
        if (nearMiss)
        {
            // TEST-2020: the last 5 characters of a real token replaced.
            var (_, _, _, token) = await NewTokenAsync();
            var real = token.Str("api_token");
            unknown = real[..35] + (real[35..] == "00000" ? "11111" : "00000");
        }
        else
        {
            unknown = RandomToken();
        }

        var body = await Server.Factory.ExchangeAsync(unknown, HttpStatusCode.NotFound);

        Assert.Equal("""{"error_msg":"api token not found."}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task An_account_token_is_not_an_api_token()
    {
        var owner = await OwnerAsync();

        var body = await Server.Factory.ExchangeAsync(owner.Account.Token, HttpStatusCode.NotFound);

        Assert.Equal("""{"error_msg":"api token not found."}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task The_exchange_moves_last_access_forward_within_seconds()
    {
        var (owner, name, _, token) = await NewTokenAsync("tracked");
        using var client = owner.Client();
        var generatedAt = token.Time("generated_at");
        // last_access has seconds precision: exchange in a later second than the creation so the move shows.
        await WaitUntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= generatedAt.AddSeconds(1.1)), TimeSpan.FromSeconds(5));
        var exchangedAt = DateTimeOffset.UtcNow;

        await Server.Factory.ExchangeAsync(token.Str("api_token"));

        JsonObject? listed = null;
        await WaitUntilAsync(async () =>
        {
            listed = Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name));
            return listed.Time("last_access") > generatedAt;
        }, TimeSpan.FromSeconds(10));
        Assert.Matches(IsoTime(), listed.Str("last_access"));
        Assert.InRange(listed.Time("last_access"), exchangedAt.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(token.Str("generated_at"), listed.Str("generated_at"));
        Assert.Equal(token.Str("api_token"), listed.Str("api_token"));
        Assert.Equal(token.Str("permission"), listed.Str("permission"));
    }

    [SkippableFact]
    public async Task Trashing_the_base_stops_its_tokens_restoring_brings_them_back_and_purging_ends_them()
    {
        // A user of this test alone: emptying the trash must touch nothing of the other tests.
        var owner = await ClassUsers.CreateAsync(Server, "purge");
        var (_, name, table, token) = await NewTokenAsync("trashy", "r", owner);
        var (_, otherName, otherTable, otherToken) = await NewTokenAsync("kept", "rw", owner);
        using var client = owner.Client();
        var apiToken = token.Str("api_token");
        await Server.Factory.ExchangeAsync(apiToken);

        await client.DeleteBaseAsync(owner.WorkspaceId, name);
        var trashed = await Server.Factory.ExchangeAsync(apiToken, HttpStatusCode.NotFound);
        Assert.Equal($$"""{"error_msg":"dtable {{name}} not found."}""", trashed.ToJsonString());
        Assert.Equal(otherTable.Str("uuid"), (await Server.Factory.ExchangeAsync(otherToken.Str("api_token"))).Str("dtable_uuid"));

        AssertSuccess(await client.CallAsync(HttpMethod.Put, RestoreUrl(table.Long("id")), null, HttpStatusCode.OK));
        var restored = await Server.Factory.ExchangeAsync(apiToken);
        Assert.Equal(table.Str("uuid"), restored.Str("dtable_uuid"));
        Assert.Equal(name, restored.Str("dtable_name"));
        Assert.Equal("r", (await Server.Factory.VerifyJwtAsync(restored.Str("access_token"))).Payload.Str("permission"));

        await client.DeleteBaseAsync(owner.WorkspaceId, name);
        AssertSuccess(await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK));
        var purged = await Server.Factory.ExchangeAsync(apiToken, HttpStatusCode.NotFound);
        Assert.Equal("""{"error_msg":"api token not found."}""", purged.ToJsonString());

        // The live base and its token are untouched.
        Assert.Equal(otherName, (await Server.Factory.ExchangeAsync(otherToken.Str("api_token"))).Str("dtable_name"));
        Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, otherName));

        // A new base under the old name starts with no tokens; the purged token stays dead.
        await client.CreateBaseAsync(name);
        Assert.Empty(await client.ListTokensAsync(owner.WorkspaceId, name));
        await Server.Factory.ExchangeAsync(apiToken, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_renamed_base_keeps_its_tokens_and_the_answer_shows_the_new_name()
    {
        var (owner, name, table, token) = await NewTokenAsync("renamed");
        using var client = owner.Client();
        var newName = name + "-new";

        await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", newName)), HttpStatusCode.OK);

        var body = await Server.Factory.ExchangeAsync(token.Str("api_token"));
        Assert.Equal(newName, body.Str("dtable_name"));
        Assert.Equal(table.Str("uuid"), body.Str("dtable_uuid"));
        Assert.Equal("renamed", Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, newName)).Str("app_name"));
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(JsonNode? node) => node?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The condition did not hold within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }
}
