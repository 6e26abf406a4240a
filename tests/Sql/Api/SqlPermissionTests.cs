using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Sql.Api;

/// <summary>The SQL calls, each tried with every kind of caller.</summary>
public enum SqlOperation
{
    Query,
    GatewaySql,
    LinkedRecords,
    GatewayQueryLinks,
}

[Collection(SharedServerCollection.Name)]
public sealed class SqlPermissionTests_Sqlite(SharedServer server, ClassUsers users) : SqlPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class SqlPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : SqlPermissionTests(server, users);

/// <summary>
/// Every base token of the base may call SQL and linked records: an app's "r" and "rw" tokens and the user's own
/// base token (owner, "r" and "rw" shares); no token, another base's, an expired, a forged and a revoked one are
/// refused before the grain. The granted calls name a table or column the base has not, so they answer SQL's 400
/// (before and after the engine is merged) and the base stays as it was.
/// </summary>
public abstract class SqlPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static readonly Actor[] Readers = [Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare];

    private static readonly PermissionMatrix<SqlOperation> Calls =
        new(Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare,
            Actor.Anonymous, Actor.OtherBaseApiToken, Actor.ExpiredToken, Actor.ForgedToken, Actor.RevokedApiToken)
        {
            [SqlOperation.Query] = Statement(s => SqlCalls.Query(s.Uuid)),
            [SqlOperation.GatewaySql] = Statement(s => SqlCalls.Query(s.Uuid, gateway: true, slash: false)),
            [SqlOperation.LinkedRecords] = Linked(s => SqlCalls.LinkedRecords(s.Uuid)),
            [SqlOperation.GatewayQueryLinks] = Linked(s => SqlCalls.LinkedRecords(s.Uuid, gateway: true)),
        };

    public static TheoryData<Actor, SqlOperation> Matrix => Calls.Cases;

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_what_its_token_allows(Actor actor, SqlOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("sql", ReadWriteApp: "sql-app"));
        var answer = await scene.AssertAsync(actor, Calls[operation]);
        if (Calls[operation].Allows(actor))
        {
            Assert.False(answer.Json["success"]!.GetValue<bool>());
            Assert.False(string.IsNullOrEmpty(answer.Json["error_message"]!.GetValue<string>()), answer.Text);
        }

        using var app = await scene.ClientAsync(Actor.ApiTokenReadWrite, Surface.Base);
        Assert.Equal(3, (await app.GetJsonAsync(scene.RowsProbe))["rows"]!.AsArray().Count);
    }

    /// <summary>A statement on a table the base has not: a 400 in SQL's body for whoever may call.</summary>
    private static MatrixCall Statement(Func<PermissionScene, string> route) =>
        new(HttpMethod.Post, route, _ => Json(new JsonObject { ["sql"] = "SELECT * FROM `No such table`" }), Readers)
        {
            Surface = Surface.Base,
            Granted = Outcome.Answers(HttpStatusCode.BadRequest),
            Settles = true,
        };

    private static MatrixCall Linked(Func<PermissionScene, string> route) =>
        new(HttpMethod.Post, route, _ => Json(new JsonObject
        {
            ["table_id"] = "0000", ["link_column"] = "zzzz", ["link_column_key"] = "zzzz", ["rows"] = new JsonArray(new JsonObject { ["row_id"] = "AAAAAAAAAAAAAAAAAAAAAA" }),
        }), Readers)
        {
            Surface = Surface.Base,
            Granted = Outcome.Exactly(HttpStatusCode.BadRequest, SqlCalls.Error("column zzzz not found")),
            Settles = true,
        };
}
