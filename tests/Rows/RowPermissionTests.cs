using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Rows;

/// <summary>Who calls the row API with what token.</summary>
public enum RowActor
{
    AppReadWrite,
    AppRead,
    Owner,
    ReadWriteShare,
    ReadShare,
    Anonymous,
    OtherBaseToken,
    ExpiredToken,
    ForgedToken,
    DeletedApiToken,
}

[Collection(SharedServerCollection.Name)]
public sealed class RowPermissionTests_Sqlite(SharedServer server, ClassUsers users) : RowPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class RowPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : RowPermissionTests(server, users);

/// <summary>
/// The base token is checked on every call (reference 4.1): signature, expiry, the base in the URL,
/// permission "r" refused on writes; and, beyond SeaTable, revocation of already-issued tokens.
/// </summary>
public abstract class RowPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    public static TheoryData<RowActor, bool, bool> Matrix => new()
    {
        // actor, may read, may write
        { RowActor.AppReadWrite, true, true },
        { RowActor.AppRead, true, false },
        { RowActor.Owner, true, true },
        { RowActor.ReadWriteShare, true, true },
        { RowActor.ReadShare, true, false },
        { RowActor.Anonymous, false, false },
        { RowActor.OtherBaseToken, false, false },
        { RowActor.ExpiredToken, false, false },
        { RowActor.ForgedToken, false, false },
        { RowActor.DeletedApiToken, false, false },
    };

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_reads_and_writes_as_its_token_allows(RowActor actor, bool mayRead, bool mayWrite)
    {
        var owner = await users.GetAsync(Server, "owner");
        var b = await owner.NewBaseAsync("matrix-app");
        var jwt = await JwtForAsync(actor, owner, b);
        using var client = Server.Factory.BaseClient(jwt);

        var (readStatus, readBody) = await RowCalls.EventuallyAsync(() => client.SendRawAsync(HttpMethod.Get, b.V1("rows/?table_name=Table1")),
            mayRead ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
        Assert.True(readStatus == (mayRead ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{actor} read: {(int)readStatus} {readBody}");

        var (writeStatus, writeBody) = await client.SendRawAsync(HttpMethod.Post, b.V1("rows/"),
            Json(new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = actor.ToString() } }));
        Assert.True(writeStatus == (mayWrite ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{actor} write: {(int)writeStatus} {writeBody}");
        if (!mayWrite)
        {
            Assert.NotNull(JsonNode.Parse(writeBody)!["error_msg"]);
            using var ownerClient = Server.Factory.BaseClient(b.Jwt);
            Assert.Equal(3, (await ownerClient.ListRowsAsync(b)).Count);
        }

        if (actor == RowActor.ExpiredToken)
        {
            AssertError(JsonNode.Parse(readBody)!, "Token expired.");
        }
    }

    [SkippableFact]
    public async Task A_user_token_names_the_user_as_creator_and_a_stranger_gets_no_token()
    {
        var owner = await users.GetAsync(Server, "owner");
        var stranger = await users.GetAsync(Server, "stranger");
        var b = await owner.NewBaseAsync();
        using var ownerClient = owner.Client();
        var answer = await ownerClient.GetJsonAsync(AccessTokenUrl(owner, b));
        Assert.Equal(b.Uuid, answer.Str("dtable_uuid"));
        Assert.EndsWith("/dtable-server/", answer.Str("dtable_server"));
        var (_, payload) = await ApiTokenCalls.VerifyJwtAsync(Server.Factory, answer.Str("access_token"));
        Assert.Equal(owner.Id, payload.Str("username"));
        Assert.Equal("rw", payload.Str("permission"));
        Assert.Null(payload["app_name"]);

        using var client = Server.Factory.BaseClient(answer.Str("access_token"));
        var row = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "by the owner" });
        Assert.Equal(owner.Id, row.Str("_creator"));
        Assert.Equal(owner.Id, row.Str("_last_modifier"));

        using var strangerClient = stranger.Client();
        var (status, body) = await strangerClient.SendRawAsync(HttpMethod.Get, AccessTokenUrl(owner, b));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(JsonNode.Parse(body)!, "Permission denied.");
        using var anonymous = Server.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendRawAsync(HttpMethod.Get, AccessTokenUrl(owner, b))).Status);
    }

    [SkippableFact]
    public async Task Lowering_a_token_to_r_trashing_the_base_or_removing_a_share_revokes_issued_tokens_within_seconds()
    {
        var owner = await users.GetAsync(Server, "owner");
        var reader = await users.GetAsync(Server, "reader");
        var b = await owner.NewBaseAsync("revoke-app");
        using var ownerClient = owner.Client();
        using var app = Server.Factory.BaseClient(b.Jwt);
        Assert.Equal(3, (await app.ListRowsAsync(b)).Count);

        // Lowered to r: the old rw token stops working; a new exchange reads but does not write.
        await ownerClient.CallAsync(HttpMethod.Put, TokensUrl(owner.WorkspaceId, b.Name) + "revoke-app/", Bodies.Json(("permission", "r")), HttpStatusCode.OK);
        var (lowered, _) = await EventuallyAsync(() => app.SendRawAsync(HttpMethod.Get, b.V1("rows/?table_name=Table1")), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, lowered);
        using var readOnly = Server.Factory.BaseClient(await Server.Factory.ExchangeJwtAsync(b.ApiToken));
        Assert.Equal(3, (await readOnly.ListRowsAsync(b)).Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.SendRawAsync(HttpMethod.Post, b.V1("rows/"),
            Json(new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject() }))).Status);

        // A share removed: the user's token stops working.
        await ownerClient.ShareAsync(owner.WorkspaceId, b.Name, reader.Email, "rw");
        using var readerClient = reader.Client();
        using var user = Server.Factory.BaseClient((await readerClient.GetJsonAsync(AccessTokenUrl(owner, b))).Str("access_token"));
        Assert.Equal(3, (await user.ListRowsAsync(b)).Count);
        await ownerClient.CallAsync(HttpMethod.Delete, ShareUrl(owner.WorkspaceId, b.Name), Bodies.Form(("email", reader.Email)), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await EventuallyAsync(() => user.SendRawAsync(HttpMethod.Get, b.V1("rows/?table_name=Table1")), HttpStatusCode.Forbidden)).Status);

        // The base trashed: every token stops working.
        await ownerClient.DeleteBaseAsync(owner.WorkspaceId, b.Name);
        Assert.Equal(HttpStatusCode.Forbidden, (await EventuallyAsync(() => readOnly.SendRawAsync(HttpMethod.Get, b.V1("rows/?table_name=Table1")), HttpStatusCode.Forbidden)).Status);
    }

    private async Task<string?> JwtForAsync(RowActor actor, ApiUser owner, RowBase b)
    {
        using var ownerClient = owner.Client();
        switch (actor)
        {
            case RowActor.AppReadWrite:
                return b.Jwt;
            case RowActor.AppRead:
                var readToken = await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, b.Name, "reader-app", "r");
                return await Server.Factory.ExchangeJwtAsync(readToken.Str("api_token"));
            case RowActor.Owner:
                return (await ownerClient.GetJsonAsync(AccessTokenUrl(owner, b))).Str("access_token");
            case RowActor.ReadWriteShare or RowActor.ReadShare:
                var role = actor == RowActor.ReadShare ? "reader" : "writer";
                var user = await users.GetAsync(Server, role);
                await ownerClient.ShareAsync(owner.WorkspaceId, b.Name, user.Email, actor == RowActor.ReadShare ? "r" : "rw");
                using (var userClient = user.Client())
                {
                    return (await userClient.GetJsonAsync(AccessTokenUrl(owner, b))).Str("access_token");
                }

            case RowActor.Anonymous:
                return null;
            case RowActor.OtherBaseToken:
                return (await owner.NewBaseAsync("other-app")).Jwt;
            case RowActor.ExpiredToken:
                return Sign(ApiTokenCalls.SigningKey(Server.Factory), b.Uuid, owner.Id, DateTimeOffset.UtcNow.AddMinutes(-5));
            case RowActor.ForgedToken:
                return Sign(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), b.Uuid, owner.Id, DateTimeOffset.UtcNow.AddDays(1));
            case RowActor.DeletedApiToken:
                var doomed = await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, b.Name, "doomed-app", "rw");
                var jwt = await Server.Factory.ExchangeJwtAsync(doomed.Str("api_token"));
                using (var before = Server.Factory.BaseClient(jwt))
                {
                    Assert.Equal(3, (await before.ListRowsAsync(b)).Count);
                }

                await ownerClient.DeleteApiTokenAsync(owner.WorkspaceId, b.Name, "doomed-app");
                return jwt;
            default:
                throw new ArgumentOutOfRangeException(nameof(actor));
        }
    }

    private static string AccessTokenUrl(ApiUser owner, RowBase b) =>
        $"/api/v2.1/workspace/{owner.WorkspaceId}/dtable/{Uri.EscapeDataString(b.Name)}/access-token/";

    /// <summary>A user base token as the server signs them, with the given key and expiry.</summary>
    private static string Sign(SecurityKey key, string uuid, string username, DateTimeOffset expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["exp"] = expires.ToUnixTimeSeconds(), ["dtable_uuid"] = uuid, ["permission"] = "rw", ["username"] = username,
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
