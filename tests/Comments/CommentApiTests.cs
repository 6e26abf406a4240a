using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Comments;

[Collection(SharedServerCollection.Name)]
public sealed class CommentApiTests_Sqlite(SharedServer server, ClassUsers users) : CommentApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CommentApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : CommentApiTests(server, users);

/// <summary>
/// Row comments at dtable-web's routes (login token, or the base token the Python client sends) and dtable-server's
/// (base token): create, list with counts, edit, resolve, delete, who may do what, bad input, and durability.
/// </summary>
public abstract class CommentApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    private static string Web(RowBase b, string path) => $"/api/v2.1/dtables/{b.Uuid}/{path}";

    private async Task<(RowBase Base, string RowId)> BaseWithRowAsync()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "comments");
        using var rows = Server.Factory.BaseClient(b.Jwt);
        var row = await rows.AppendRowAsync(b, new JsonObject { ["Name"] = "commented" });
        return (b, row.Str("_id"));
    }

    [SkippableFact]
    public async Task A_comment_is_created_listed_counted_edited_resolved_and_deleted_by_its_author()
    {
        var (b, rowId) = await BaseWithRowAsync();
        using var owner = b.Owner.Client();

        var created = await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "first!")), HttpStatusCode.Created);
        var comment = created["comment"]!;
        var id = comment.Long("id");
        Assert.Equal(b.Owner.Id, comment.Str("author"));
        Assert.Equal("first!", comment.Str("comment"));
        Assert.Equal(rowId, comment.Str("row_id"));
        Assert.Equal(Guid.Parse(b.Uuid).ToString("N"), comment.Str("dtable_uuid"));
        Assert.Matches(IsoTime(), comment.Str("created_at"));
        Assert.False(comment["resolved"]!.GetValue<bool>());
        await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Form(("row_id", rowId), ("comment", "second")), HttpStatusCode.Created);

        var list = await owner.GetJsonAsync(Web(b, $"comments/?row_id={rowId}"));
        Assert.Equal(2, list.Long("count"));
        Assert.Equal(["second", "first!"], list.Objects("comment_list").Select(c => c.Str("comment")));
        Assert.Single((await owner.GetJsonAsync(Web(b, $"comments/?row_id={rowId}&page=2&per_page=1"))).Objects("comment_list"));
        Assert.Equal(2, (await owner.GetJsonAsync(Web(b, $"comments-count/?row_id={rowId}"))).Long("count"));
        var perBase = await owner.GetJsonAsync(Web(b, "comments-count/"));
        Assert.Equal(2, perBase.Long("count"));
        Assert.Equal(2, perBase["row_counts"]![rowId]!.GetValue<int>());
        Assert.Equal(2, (await owner.GetJsonAsync(Web(b, "comments-within-days/?days=1"))).Objects("comment_list").Count);

        AssertSuccess(await owner.CallAsync(HttpMethod.Put, Web(b, $"comments/{id}/"), Bodies.Json(("comment", "edited")), HttpStatusCode.OK));
        AssertSuccess(await owner.CallAsync(HttpMethod.Put, Web(b, $"comments/{id}/"), Bodies.Json(("resolved", "true")), HttpStatusCode.OK));
        var edited = await owner.GetJsonAsync(Web(b, $"comments/{id}/"));
        Assert.Equal("edited", edited.Str("comment"));
        Assert.True(edited["resolved"]!.GetValue<bool>());

        AssertSuccess(await owner.CallAsync(HttpMethod.Delete, Web(b, $"comments/{id}/"), null, HttpStatusCode.OK));
        Assert.Equal(1, (await owner.GetJsonAsync(Web(b, $"comments-count/?row_id={rowId}"))).Long("count"));
        AssertError(await owner.CallAsync(HttpMethod.Delete, Web(b, $"comments/{id}/"), null, HttpStatusCode.NotFound), "comment not found.");
    }

    [SkippableFact]
    public async Task Dtable_server_routes_take_the_base_token_and_answer_in_their_shapes()
    {
        var (b, rowId) = await BaseWithRowAsync();
        using var app = Server.Factory.BaseClient(b.Jwt);
        foreach (var prefix in new[] { b.V1(""), b.V2(""), b.V2("", gateway: true) })
        {
            AssertSuccess(await app.SendJsonAsync(HttpMethod.Post, $"{prefix}comments/?row_id={rowId}", new JsonObject { ["comment"] = "from " + prefix }));
        }

        var list = await app.GetJsonAsync(b.V1($"comments/?row_id={rowId}"));
        Assert.Equal(3, list.Long("count"));
        var first = list.Objects("comments")[^1];
        Assert.Equal(b.AppName, first.Str("author"));
        AssertSuccess(await app.SendJsonAsync(HttpMethod.Put, b.V2($"comments/{first.Long("id")}/", gateway: true),
            new JsonObject { ["options"] = new JsonObject { ["comment"] = "changed", ["resolved"] = 1 } }));
        var changed = await app.GetJsonAsync(b.V1($"comments/{first.Long("id")}/"));
        Assert.Equal("changed", changed.Str("comment"));
        Assert.True(changed["resolved"]!.GetValue<bool>());
        Assert.Equal(3, (await app.GetJsonAsync(b.V1($"comments-count/?row_id={rowId}"))).Long("count"));

        // The Python client sends the base token to dtable-web's routes as well.
        Assert.Equal(3, (await app.GetJsonAsync(Web(b, $"comments/?row_id={rowId}"))).Objects("comment_list").Count);
    }

    [SkippableFact]
    public async Task Bad_input_gets_seatable_errors_and_writes_nothing()
    {
        var (b, rowId) = await BaseWithRowAsync();
        using var owner = b.Owner.Client();
        using var app = Server.Factory.BaseClient(b.Jwt);

        AssertError(await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", "NoSuchRowNoSuchRow0000"), ("comment", "x")), HttpStatusCode.NotFound), "row not found.");
        var typed = await app.SendJsonAsync(HttpMethod.Post, b.V1("comments/"), new JsonObject { ["row_id"] = "NoSuchRowNoSuchRow0000", ["comment"] = "x" }, HttpStatusCode.BadRequest);
        Assert.Equal("row_not_exist", typed.Str("error_type"));
        AssertError(await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "  ")), HttpStatusCode.BadRequest), "comment invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("comment", "no row")), HttpStatusCode.BadRequest), "row_id invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Put, Web(b, "comments/987654/"), Bodies.Json(("comment", "x")), HttpStatusCode.NotFound), "comment not found.");
        AssertError(await owner.CallAsync(HttpMethod.Get, Web(b, "comments/987654/"), null, HttpStatusCode.NotFound), "comment not found.");
        AssertError(await owner.CallAsync(HttpMethod.Put, Web(b, "comments/987654/"), Bodies.Json(("resolved", "maybe")), HttpStatusCode.BadRequest), "resolved invalid.");
        Assert.Equal(0, (await owner.GetJsonAsync(Web(b, $"comments-count/?row_id={rowId}"))).Long("count"));
    }

    [SkippableFact]
    public async Task Readers_list_writers_comment_and_only_the_author_edits_or_deletes()
    {
        var (b, rowId) = await BaseWithRowAsync();
        using var owner = b.Owner.Client();
        var reader = await ClassUsers.CreateAsync(Server, "reader");
        var writer = await ClassUsers.CreateAsync(Server, "writer");
        var stranger = await ClassUsers.CreateAsync(Server, "stranger");
        await owner.ShareAsync(b.Owner.WorkspaceId, b.Name, reader.Id, "r");
        await owner.ShareAsync(b.Owner.WorkspaceId, b.Name, writer.Id, "rw");
        var ownComment = (await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "owner's")), HttpStatusCode.Created))["comment"]!.Long("id");

        using var readerClient = reader.Client();
        Assert.Equal(1, (await readerClient.GetJsonAsync(Web(b, $"comments/?row_id={rowId}"))).Long("count"));
        AssertError(await readerClient.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "no")), HttpStatusCode.Forbidden), PermissionDenied);
        AssertError(await readerClient.CallAsync(HttpMethod.Put, Web(b, $"comments/{ownComment}/"), Bodies.Json(("resolved", "true")), HttpStatusCode.Forbidden), PermissionDenied);

        using var writerClient = writer.Client();
        var writerComment = (await writerClient.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "writer's")), HttpStatusCode.Created))["comment"]!.Long("id");
        AssertError(await writerClient.CallAsync(HttpMethod.Put, Web(b, $"comments/{ownComment}/"), Bodies.Json(("comment", "hijack")), HttpStatusCode.Forbidden), PermissionDenied);
        AssertError(await writerClient.CallAsync(HttpMethod.Delete, Web(b, $"comments/{ownComment}/"), null, HttpStatusCode.Forbidden), PermissionDenied);
        AssertSuccess(await writerClient.CallAsync(HttpMethod.Put, Web(b, $"comments/{ownComment}/"), Bodies.Json(("resolved", "true")), HttpStatusCode.OK));
        // The owner may delete any comment of the base.
        AssertSuccess(await owner.CallAsync(HttpMethod.Delete, Web(b, $"comments/{writerComment}/"), null, HttpStatusCode.OK));

        using var strangerClient = stranger.Client();
        AssertError(await strangerClient.CallAsync(HttpMethod.Get, Web(b, $"comments/?row_id={rowId}"), null, HttpStatusCode.Forbidden), PermissionDenied);
        using var anonymous = Server.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendRawAsync(HttpMethod.Get, Web(b, $"comments/?row_id={rowId}"))).Status);
        // A login token is not a base token on dtable-server's routes.
        AssertError(await owner.CallAsync(HttpMethod.Get, b.V1($"comments/?row_id={rowId}"), null, HttpStatusCode.Forbidden), PermissionDenied);

        // An "r" API token's base token reads but cannot comment; another base's token sees nothing.
        using var tokens = b.Owner.Client();
        var readToken = await tokens.CreateApiTokenAsync(b.Owner.WorkspaceId, b.Name, "reader-app", "r");
        using var readApp = Server.Factory.BaseClient(await Server.Factory.ExchangeJwtAsync(readToken.Str("api_token")));
        Assert.Equal(1, (await readApp.GetJsonAsync(b.V1($"comments/?row_id={rowId}"))).Long("count"));
        AssertError(await readApp.SendJsonAsync(HttpMethod.Post, b.V1("comments/"), new JsonObject { ["row_id"] = rowId, ["comment"] = "no" }, HttpStatusCode.Forbidden), PermissionDenied);
        var other = await b.Owner.NewBaseAsync(prefix: "other");
        using var otherApp = Server.Factory.BaseClient(other.Jwt);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApp.SendRawAsync(HttpMethod.Get, b.V1($"comments/?row_id={rowId}"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApp.SendRawAsync(HttpMethod.Get, Web(b, $"comments/?row_id={rowId}"))).Status);
    }

    [SkippableFact]
    public async Task Comments_survive_the_deactivation_of_their_grains()
    {
        var (b, rowId) = await BaseWithRowAsync();
        using var owner = b.Owner.Client();
        await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "durable")), HttpStatusCode.Created);

        // This base's grains only: collecting every activation of the shared server took over 30 s under load.
        var grains = Server.Factory.Services.GetRequiredService<IGrainFactory>();
        var uuid = Guid.Parse(b.Uuid);
        await grains.GetGrain<SeaTable.Grains.Comments.IBaseCommentsGrain>(uuid).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await grains.GetGrain<SeaTable.Grains.Content.IBaseContentGrain>(uuid).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        var list = await owner.GetJsonAsync(Web(b, $"comments/?row_id={rowId}"));
        Assert.Equal("durable", Assert.Single(list.Objects("comment_list")).Str("comment"));
        var next = (await owner.CallAsync(HttpMethod.Post, Web(b, "comments/"), Bodies.Json(("row_id", rowId), ("comment", "after")), HttpStatusCode.Created))["comment"]!;
        Assert.Equal(list.Objects("comment_list")[0].Long("id") + 1, next.Long("id"));
    }
}
