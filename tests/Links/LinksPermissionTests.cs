using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Links;

/// <summary>The calls of issue 14's links and rows part, each tried with every kind of caller.</summary>
public enum LinksAndRowsOperation
{
    AddLinks,
    RemoveLinks,
    UpdateLinks,
    BatchUpdateLinks,
    LockRows,
    UnlockRows,
    DuplicateTable,
    AppendReturningRows,
    TableMetadata,
}

[Collection(SharedServerCollection.Name)]
public sealed class LinksPermissionTests_Sqlite(SharedServer server, ClassUsers users) : LinksPermissionTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class LinksPermissionTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : LinksPermissionTests(server, users);

/// <summary>
/// Writes need a base token with "rw" (an "r" API token, an "r" share: 403), reads any token of the base;
/// foreign, expired, forged and revoked tokens are refused. The granted writes name a link, rows or a table
/// that do not exist, so they answer SeaTable's 400 after passing the checks and the shared base stays as it was.
/// </summary>
public abstract class LinksPermissionTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string Missing = "AAAAAAAAAAAAAAAAAAAAAA";

    private static readonly Actor[] Writers = [Actor.ApiTokenReadWrite, Actor.Owner, Actor.ReadWriteShare];

    private static readonly PermissionMatrix<LinksAndRowsOperation> Calls =
        new(Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare,
            Actor.Anonymous, Actor.OtherBaseApiToken, Actor.ExpiredToken, Actor.ForgedToken, Actor.RevokedApiToken)
        {
            [LinksAndRowsOperation.AddLinks] = Write(HttpMethod.Post, "links/", new JsonObject
            {
                ["link_id"] = "zzzz", ["table_name"] = "Table1", ["other_table_name"] = "Table1", ["other_rows_ids_map"] = new JsonObject { [Missing] = new JsonArray(Missing) },
            }, "link_not_exist", "link zzzz not found"),
            [LinksAndRowsOperation.RemoveLinks] = Write(HttpMethod.Delete, "links/", new JsonObject
            {
                ["link_id"] = "zzzz", ["table_name"] = "Table1", ["other_table_name"] = "Table1", ["other_rows_ids_map"] = new JsonObject { [Missing] = new JsonArray(Missing) },
            }, "link_not_exist", "link zzzz not found"),
            [LinksAndRowsOperation.UpdateLinks] = Write(HttpMethod.Put, "links/", new JsonObject
            {
                ["link_id"] = "zzzz", ["table_name"] = "Table1", ["other_table_name"] = "Table1", ["row_id"] = Missing, ["other_rows_ids"] = new JsonArray(),
            }, "link_not_exist", "link zzzz not found"),
            [LinksAndRowsOperation.BatchUpdateLinks] = Write(HttpMethod.Put, "batch-update-links/", new JsonObject
            {
                ["link_id"] = "zzzz", ["table_id"] = "0000", ["other_table_id"] = "0000", ["row_id_list"] = new JsonArray(Missing), ["other_rows_ids_map"] = new JsonObject(),
            }, "link_not_exist", "link zzzz not found"),
            [LinksAndRowsOperation.LockRows] = Write(HttpMethod.Put, "lock-rows/", new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(Missing) }, "row_not_exist", "Row does not exist."),
            [LinksAndRowsOperation.UnlockRows] = Write(HttpMethod.Put, "unlock-rows/", new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(Missing) }, "row_not_exist", "Row does not exist."),
            [LinksAndRowsOperation.DuplicateTable] = Write(HttpMethod.Post, "tables/duplicate-table/", new JsonObject { ["table_name"] = "Nope", ["is_duplicate_records"] = true }, "table_not_exist", "table Nope not found"),
            [LinksAndRowsOperation.AppendReturningRows] = Write(HttpMethod.Post, "batch-append-rows/", new JsonObject
            {
                ["table_name"] = "Nope", ["rows"] = new JsonArray(new JsonObject { ["Name"] = "x" }), ["return_rows"] = true,
            }, "table_not_exist", "table Nope not found"),
            [LinksAndRowsOperation.TableMetadata] = new(HttpMethod.Get, s => $"/api-gateway/api/v2/dtables/{s.Uuid}/metadata/table/?table_name=Table1", null,
                [Actor.ApiTokenReadWrite, Actor.ApiTokenRead, Actor.Owner, Actor.ReadWriteShare, Actor.ReadShare]) { Surface = Surface.Base, Settles = true },
        };

    public static TheoryData<Actor, LinksAndRowsOperation> Matrix => Calls.Cases;

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_what_its_token_allows(Actor actor, LinksAndRowsOperation operation)
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("links", ReadWriteApp: "links-app"));
        await scene.AssertAsync(actor, Calls[operation]);

        // Nothing any caller sent changed the base: its three starter rows, unlocked, and one table.
        using var app = await scene.ClientAsync(Actor.ApiTokenReadWrite, Surface.Base);
        var rows = (await app.GetJsonAsync(scene.RowsProbe))["rows"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Null(r!["_locked"]));
        Assert.Single((await app.GetJsonAsync($"/dtable-server/api/v1/dtables/{scene.Uuid}/metadata/"))["metadata"]!["tables"]!.AsArray());
    }

    private static MatrixCall Write(HttpMethod method, string path, JsonObject body, string errorType, string errorMessage) =>
        new(method, s => $"/dtable-server/api/v1/dtables/{s.Uuid}/{path}", _ => Json(body.DeepClone()), Writers)
        {
            Surface = Surface.Base,
            Granted = Outcome.Exactly(HttpStatusCode.BadRequest, new JsonObject { ["error_type"] = errorType, ["error_message"] = errorMessage }),
            Denied = Outcome.SomeError(HttpStatusCode.Forbidden),
        };
}
