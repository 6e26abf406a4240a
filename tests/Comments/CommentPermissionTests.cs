using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Comments;

/// <summary>The comment calls every caller is tried on.</summary>
public enum CommentOperation
{
    List,
    Add,
}

[Collection(SharedServerCollection.Name)]
public sealed class CommentPermissionTests_Sqlite(SharedServer server, ClassUsers users) : CommentPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CommentPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : CommentPermissionTests(server, users);

/// <summary>
/// Who may list and add comments: on dtable-web's route with account tokens, on dtable-server's with base tokens
/// (r and rw API tokens, the users' own, another base's, expired, forged and revoked ones). Readers list, writers add.
/// </summary>
public abstract class CommentPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static HttpContent AddBody(PermissionScene s) =>
        Json(new JsonObject { ["row_id"] = s["row"], ["comment"] = "matrix" });

    private static readonly PermissionMatrix<CommentOperation> WebCalls =
        new(Actor.Anonymous, Actor.InvalidToken, Actor.Stranger, Actor.ReadShare, Actor.ReadWriteShare, Actor.SystemAdmin, Actor.Owner)
        {
            [CommentOperation.List] = new(HttpMethod.Get, s => $"/api/v2.1/dtables/{s.Uuid}/comments/?row_id={s["row"]}", null,
                [Actor.ReadShare, Actor.ReadWriteShare, Actor.Owner]),
            [CommentOperation.Add] = new(HttpMethod.Post, s => $"/api/v2.1/dtables/{s.Uuid}/comments/", AddBody,
                [Actor.ReadWriteShare, Actor.Owner]) { Granted = Outcome.Answers(HttpStatusCode.Created) },
        };

    private static readonly PermissionMatrix<CommentOperation> ServerCalls =
        new(Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare,
            Actor.Anonymous, Actor.OtherBaseApiToken, Actor.ExpiredToken, Actor.ForgedToken, Actor.RevokedApiToken)
        {
            [CommentOperation.List] = new(HttpMethod.Get, s => $"/dtable-server/api/v1/dtables/{s.Uuid}/comments/?row_id={s["row"]}", null,
                [Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare]) { Surface = Surface.Base, Settles = true },
            [CommentOperation.Add] = new(HttpMethod.Post, s => $"/api-gateway/api/v2/dtables/{s.Uuid}/comments/", AddBody,
                [Actor.ApiTokenReadWrite, Actor.Owner, Actor.ReadWriteShare]) { Surface = Surface.Base },
        };

    public static TheoryData<Actor, CommentOperation> WebMatrix => WebCalls.Cases;

    public static TheoryData<Actor, CommentOperation> ServerMatrix => ServerCalls.Cases;

    [SkippableTheory]
    [MemberData(nameof(WebMatrix))]
    public async Task On_dtable_webs_route_readers_list_and_writers_comment(Actor actor, CommentOperation operation) =>
        await CheckAsync(actor, WebCalls[operation]);

    [SkippableTheory]
    [MemberData(nameof(ServerMatrix))]
    public async Task On_dtable_servers_route_each_base_token_lists_and_comments_as_it_allows(Actor actor, CommentOperation operation) =>
        await CheckAsync(actor, ServerCalls[operation]);

    private async Task CheckAsync(Actor actor, MatrixCall call)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("comments", ReadWriteApp: "comment-app"));
        using (var app = await scene.ClientAsync(Actor.ApiTokenReadWrite, Surface.Base))
        {
            scene["row"] = (await app.GetJsonAsync(scene.RowsProbe)).Objects("rows")[0].Str("_id");
        }

        await scene.AssertAsync(actor, call);

        // A refused add wrote nothing; a granted one wrote one comment.
        using var owner = scene.Owner.Client();
        var count = (await owner.GetJsonAsync($"/api/v2.1/dtables/{scene.Uuid}/comments-count/?row_id={scene["row"]}")).Long("count");
        Assert.Equal(call.Method == HttpMethod.Post && call.Allows(actor) ? 1 : 0, count);
    }
}
