using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Rows;

/// <summary>The row calls every base token is tried on.</summary>
public enum RowOperation
{
    Read,
    Write,
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
    /// <summary>Reads for any token of the base with "r" or "rw", writes for "rw" only.</summary>
    private static readonly PermissionMatrix<RowOperation> Calls =
        new(Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare,
            Actor.Anonymous, Actor.OtherBaseApiToken, Actor.ExpiredToken, Actor.ForgedToken, Actor.RevokedApiToken)
        {
            [RowOperation.Read] = new(HttpMethod.Get, s => s.RowsProbe, null,
                [Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare]) { Surface = Surface.Base, Settles = true },
            [RowOperation.Write] = new(HttpMethod.Post, s => V1(s, "rows/"),
                _ => Json(new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "written" } }),
                [Actor.ApiTokenReadWrite, Actor.Owner, Actor.ReadWriteShare])
            {
                Surface = Surface.Base,
                Denied = Outcome.SomeError(HttpStatusCode.Forbidden),
            },
        };

    public static TheoryData<Actor, RowOperation> Matrix => Calls.Cases;

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_reads_and_writes_as_its_token_allows(Actor actor, RowOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("rows", ReadWriteApp: "matrix-app"));

        await scene.AssertAsync(actor, Calls[operation]);

        if (!Calls[operation].Allows(actor))
        {
            // Through the app's own "rw" token, which every refusal leaves alone.
            using var app = await scene.ClientAsync(Actor.ApiTokenReadWrite, Surface.Base);
            Assert.Equal(3, (await app.GetJsonAsync(scene.RowsProbe)).Objects("rows").Count);
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

    private static string V1(PermissionScene scene, string path) => $"/dtable-server/api/v1/dtables/{scene.Uuid}/{path}";

    private static string AccessTokenUrl(ApiUser owner, RowBase b) =>
        $"/api/v2.1/workspace/{owner.WorkspaceId}/dtable/{Uri.EscapeDataString(b.Name)}/access-token/";
}
