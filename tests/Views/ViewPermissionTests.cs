using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Views;

/// <summary>The views calls every base token is tried on.</summary>
public enum ViewOperation
{
    List,
    Get,
    Filter,
    Add,
    Update,
}

[Collection(SharedServerCollection.Name)]
public sealed class ViewPermissionTests_Sqlite(SharedServer server, ClassUsers users) : ViewPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ViewPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ViewPermissionTests(server, users);

/// <summary>
/// Views reads and filtered rows for any token of the base ("r" or "rw", user or app); view writes for "rw"
/// only, refused for "r" tokens and read-only shares with 403.
/// </summary>
public abstract class ViewPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static readonly Actor[] Readers = [Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare];

    private static readonly Actor[] Writers = [Actor.ApiTokenReadWrite, Actor.Owner, Actor.ReadWriteShare];

    private static readonly PermissionMatrix<ViewOperation> Calls =
        new(Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare,
            Actor.Anonymous, Actor.OtherBaseApiToken, Actor.ExpiredToken, Actor.ForgedToken, Actor.RevokedApiToken)
        {
            [ViewOperation.List] = new(HttpMethod.Get, s => V1(s, "views/?table_name=Table1"), null, Readers) { Surface = Surface.Base, Settles = true },
            [ViewOperation.Get] = new(HttpMethod.Get, s => V1(s, "views/Default%20View/?table_name=Table1"), null, Readers) { Surface = Surface.Base },
            [ViewOperation.Filter] = new(HttpMethod.Get, s => V1(s, "filtered-rows/?table_name=Table1"),
                _ => Json(new JsonObject { ["filters"] = new JsonArray(new JsonObject { ["column_name"] = "Name", ["filter_predicate"] = "is_empty" }) }),
                Readers) { Surface = Surface.Base },
            [ViewOperation.Add] = new(HttpMethod.Post, s => V1(s, "views/?table_name=Table1"),
                _ => Json(new JsonObject { ["name"] = "v-" + Guid.NewGuid().ToString("N")[..8] }), Writers)
            {
                Surface = Surface.Base,
                Denied = Outcome.SomeError(HttpStatusCode.Forbidden),
            },
            [ViewOperation.Update] = new(HttpMethod.Put, s => V1(s, "views/Default%20View/?table_name=Table1"),
                _ => Json(new JsonObject { ["sorts"] = new JsonArray(new JsonObject { ["column_key"] = "0000", ["sort_type"] = "down" }) }), Writers)
            {
                Surface = Surface.Base,
                Denied = Outcome.SomeError(HttpStatusCode.Forbidden),
            },
        };

    public static TheoryData<Actor, ViewOperation> Matrix => Calls.Cases;

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_reads_and_writes_views_as_its_token_allows(Actor actor, ViewOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("views", ReadWriteApp: "views-app"));
        await scene.AssertAsync(actor, Calls[operation]);
    }

    private static string V1(PermissionScene scene, string path) => $"/dtable-server/api/v1/dtables/{scene.Uuid}/{path}";
}
