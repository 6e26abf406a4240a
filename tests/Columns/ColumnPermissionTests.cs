using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Columns;

/// <summary>The column calls every base token is tried on.</summary>
public enum ColumnOperation
{
    InsertColumn,
    UpdateColumn,
    DeleteColumn,
    BatchAppendColumns,
    AddOptions,
    DeleteOptions,
    CascadeSettings,
}

[Collection(SharedServerCollection.Name)]
public sealed class ColumnPermissionTests_Sqlite(SharedServer server, ClassUsers users) : ColumnPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ColumnPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ColumnPermissionTests(server, users);

/// <summary>Every column call is a write: base tokens with "rw" only; "r" tokens and read-only shares get 403 and change nothing.</summary>
public abstract class ColumnPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static readonly Actor[] Writers = [Actor.ApiTokenReadWrite, Actor.Owner, Actor.ReadWriteShare];

    private static readonly PermissionMatrix<ColumnOperation> Calls =
        new(Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare,
            Actor.Anonymous, Actor.OtherBaseApiToken, Actor.ExpiredToken, Actor.ForgedToken, Actor.RevokedApiToken)
        {
            [ColumnOperation.InsertColumn] = Write(HttpMethod.Post, "columns/", new JsonObject { ["table_name"] = "Table1", ["column_name"] = "Added", ["column_type"] = "number" }),
            [ColumnOperation.UpdateColumn] = Write(HttpMethod.Put, "columns/", new JsonObject
            {
                ["table_name"] = "Table1", ["op_type"] = "rename_column", ["column"] = "0000", ["new_column_name"] = "Renamed",
            }),
            [ColumnOperation.DeleteColumn] = Write(HttpMethod.Delete, "columns/", new JsonObject { ["table_name"] = "Table1", ["column"] = "Status" }, columnMissing: true),
            [ColumnOperation.BatchAppendColumns] = Write(HttpMethod.Post, "batch-append-columns/", new JsonObject
            {
                ["table_name"] = "Table1", ["columns"] = new JsonArray(ColumnCalls.Column("One", "text"), ColumnCalls.Column("Two", "date")),
            }),
            [ColumnOperation.AddOptions] = Write(HttpMethod.Post, "column-options/", new JsonObject
            {
                ["table_name"] = "Table1", ["column"] = "Status", ["options"] = new JsonArray(new JsonObject { ["name"] = "new" }),
            }, columnMissing: true),
            [ColumnOperation.DeleteOptions] = Write(HttpMethod.Delete, "column-options/", new JsonObject
            {
                ["table_name"] = "Table1", ["column"] = "Status", ["options"] = new JsonArray("x"),
            }, columnMissing: true),
            [ColumnOperation.CascadeSettings] = Write(HttpMethod.Post, "column-cascade-settings/", new JsonObject
            {
                ["table_name"] = "Table1", ["child_column"] = "Status", ["parent_column"] = "Status", ["cascade_settings"] = new JsonObject(),
            }, columnMissing: true),
        };

    public static TheoryData<Actor, ColumnOperation> Matrix => Calls.Cases;

    /// <summary>
    /// A column write on the scene's base; calls naming a column "Status" that the new base does not have answer
    /// 400 "column Status not found" to a writer (the refusal of the others comes first, and that is what is tried).
    /// </summary>
    private static MatrixCall Write(HttpMethod method, string path, JsonObject body, bool columnMissing = false) =>
        new(method, s => $"/dtable-server/api/v1/dtables/{s.Uuid}/{path}", _ => Json(body.DeepClone()), Writers)
        {
            Surface = Surface.Base,
            Granted = Outcome.Answers(columnMissing ? HttpStatusCode.BadRequest : HttpStatusCode.OK),
            Denied = Outcome.SomeError(HttpStatusCode.Forbidden),
        };

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_writes_columns_as_its_token_allows(Actor actor, ColumnOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("columns", ReadWriteApp: "matrix-app"));

        await scene.AssertAsync(actor, Calls[operation]);

        using var app = await scene.ClientAsync(Actor.ApiTokenReadWrite, Surface.Base);
        var columns = (await app.GetJsonAsync($"/dtable-server/api/v1/dtables/{scene.Uuid}/columns/?table_name=Table1")).Objects("columns");
        if (!Calls[operation].Allows(actor))
        {
            // A refusal leaves the table's one column as it was.
            Assert.Equal(["Name"], columns.Select(c => c.Str("name")));
        }
        else if (operation == ColumnOperation.InsertColumn)
        {
            Assert.Equal(["Name", "Added"], columns.Select(c => c.Str("name")));
        }
    }
}
