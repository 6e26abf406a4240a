using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Links;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Links.LinkCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Rows;

[Collection(SharedServerCollection.Name)]
public sealed class RowExtrasApiTests_Sqlite(SharedServer server, ClassUsers users) : RowExtrasApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class RowExtrasApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : RowExtrasApiTests(server, users);

/// <summary>
/// The row calls of issue 14, item 4: return_rows on appends, the gateway's row shape (every column, the lock
/// and archive fields) that lets a script read row['Name'] on every row of a new base, lock-rows/ and
/// unlock-rows/ with a locked row refusing edits, metadata/table/ and tables/duplicate-table/.
/// </summary>
public abstract class RowExtrasApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task Return_rows_answers_every_new_row_on_v1_and_v2()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var rows = new JsonArray(new JsonObject { ["Name"] = "r1" }, new JsonObject { ["Name"] = "r2" });
        var plain = await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-rows/"), new JsonObject { ["table_name"] = "Table1", ["rows"] = rows.DeepClone() });
        Assert.Equal(new JsonObject { ["inserted_row_count"] = 2 }.ToJsonString(), plain.ToJsonString());

        foreach (var path in new[] { b.V1("batch-append-rows/"), b.V2("rows/"), b.V2("rows/", gateway: true) })
        {
            var answer = await client.SendJsonAsync(HttpMethod.Post, path, new JsonObject { ["table_name"] = "Table1", ["rows"] = rows.DeepClone(), ["return_rows"] = true });
            Assert.Equal(2, answer.Long("inserted_row_count"));
            var returned = answer.Objects("rows");
            Assert.Equal(["r1", "r2"], returned.Select(r => r.Str("0000")));
            Assert.Equal(answer.Objects("row_ids").Select(r => r.Str("_id")), returned.Select(r => r.Str("_id")));
            Assert.Equal(returned[0].ToJsonString(), answer["first_row"]!.ToJsonString());
            Assert.All(returned, r => Assert.Equal(b.AppName, r.Str("_creator")));
        }

        Assert.Equal(3 + 8, (await client.ListRowsAsync(b)).Count);
    }

    [SkippableFact]
    public async Task A_new_bases_rows_listed_through_the_gateway_have_every_column()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        // The script of the issue: append through the gateway, list, read row['Name'] on every row.
        await client.SendJsonAsync(HttpMethod.Post, b.V2("rows/", gateway: true), new JsonObject
        {
            ["table_name"] = "Table1", ["rows"] = new JsonArray(new JsonObject { ["Name"] = "Grace" }),
        });
        foreach (var gateway in new[] { true, false })
        {
            var listed = (await client.GetJsonAsync(b.V2("rows/?table_name=Table1&convert_keys=true", gateway))).Objects("rows");
            Assert.Equal(4, listed.Count);
            Assert.All(listed, r => Assert.True(r.ContainsKey("Name"), r.ToJsonString()));
            Assert.Equal([null, null, null, "Grace"], listed.Select(r => r["Name"]?.GetValue<string>()));
            Assert.All(listed, r =>
            {
                Assert.False(r["_archived"]!.GetValue<bool>());
                Assert.True(r.ContainsKey("_locked") && r["_locked"] is null);
                Assert.True(r.ContainsKey("_locked_by") && r["_locked_by"] is null);
            });
            var byKey = (await client.GetJsonAsync(b.V2("rows/?table_name=Table1&convert_keys=false", gateway))).Objects("rows");
            Assert.All(byKey, r => Assert.True(r.ContainsKey("0000")));
            var one = await client.GetJsonAsync(b.V2($"rows/{listed[0].Str("_id")}/?table_name=Table1&convert_keys=true", gateway));
            Assert.True(one.AsObject().ContainsKey("Name") && one["Name"] is null);
        }

        // dtable-server's v1 leaves empty cells out, as SeaTable's does.
        var v1 = await client.ListRowsAsync(b);
        Assert.Equal(3, v1.Count(r => !r.ContainsKey("Name")));
        Assert.All(v1, r => Assert.False(r.ContainsKey("_archived")));
    }

    [SkippableFact]
    public async Task Locked_rows_refuse_updates_and_deletes_until_unlocked()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var ids = (await client.ListRowsAsync(b)).Select(r => r.Str("_id")).ToList();
        var lockBody = new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(ids[0], ids[1]) };
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V1("lock-rows/"), lockBody.DeepClone()));
        // Already locked is fine.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V2("lock-rows/", gateway: true), lockBody.DeepClone()));

        var row = await client.GetJsonAsync(b.V1($"rows/{ids[0]}/?table_name=Table1"));
        Assert.True(row["_locked"]!.GetValue<bool>());
        Assert.Equal(b.AppName, row.Str("_locked_by"));
        var gatewayRow = await client.GetJsonAsync(b.V2($"rows/{ids[0]}/?table_name=Table1", gateway: true));
        Assert.True(gatewayRow["_locked"]!.GetValue<bool>());
        Assert.Null((await client.GetJsonAsync(b.V1($"rows/{ids[2]}/?table_name=Table1")))["_locked"]);

        var refusals = new (HttpMethod Method, string Uri, string Json)[]
        {
            (HttpMethod.Put, b.V1("rows/"), $$$"""{"table_name": "Table1", "row_id": "{{{ids[0]}}}", "row": {"Name": "changed"}}"""),
            (HttpMethod.Put, b.V1("batch-update-rows/"), $$$"""{"table_name": "Table1", "updates": [{"row_id": "{{{ids[2]}}}", "row": {"Name": "changed"}}, {"row_id": "{{{ids[1]}}}", "row": {"Name": "changed"}}]}"""),
            (HttpMethod.Put, b.V2("rows/", gateway: true), $$$"""{"table_name": "Table1", "updates": [{"row_id": "{{{ids[0]}}}", "row": {"Name": "changed"}}]}"""),
            (HttpMethod.Delete, b.V1("rows/"), $$"""{"table_name": "Table1", "row_id": "{{ids[0]}}"}"""),
            (HttpMethod.Delete, b.V1("batch-delete-rows/"), $$"""{"table_name": "Table1", "row_ids": ["{{ids[2]}}", "{{ids[1]}}"]}"""),
            (HttpMethod.Delete, b.V2("rows/", gateway: true), $$"""{"table_name": "Table1", "row_ids": ["{{ids[0]}}"]}"""),
        };
        foreach (var (method, uri, json) in refusals)
        {
            var (status, body) = await client.FailAsync(method, uri, json);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("row_locked", body.Str("error_type"));
        }

        // Nothing of the refused batches was written: the unlocked row is unchanged and still there.
        var rows = await client.ListRowsAsync(b);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.False(r.ContainsKey("Name")));

        // A lock on a missing row locks nothing; a missing table is SeaTable's table error.
        var (missingStatus, missingBody) = await client.FailAsync(HttpMethod.Put, b.V1("lock-rows/"),
            $$"""{"table_name": "Table1", "row_ids": ["{{ids[2]}}", "AAAAAAAAAAAAAAAAAAAAAA"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        Assert.Equal("row_not_exist", missingBody.Str("error_type"));
        Assert.Null((await client.GetJsonAsync(b.V1($"rows/{ids[2]}/?table_name=Table1")))["_locked"]);
        Assert.Equal("table_not_exist", (await client.FailAsync(HttpMethod.Put, b.V1("lock-rows/"), $$"""{"table_name": "Nope", "row_ids": ["{{ids[2]}}"]}""")).Body.Str("error_type"));
        foreach (var json in new[] { """{"table_name": "Table1"}""", """{"table_name": "Table1", "row_ids": []}""", """{"table_name": "Table1", "row_ids": [1]}""", """{"row_ids": ["x"]}""" })
        {
            var (status, body) = await client.FailAsync(HttpMethod.Put, b.V1("unlock-rows/"), json);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.NotNull(body["error_msg"]);
        }

        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V2("unlock-rows/"), lockBody.DeepClone()));
        var unlocked = await client.GetJsonAsync(b.V1($"rows/{ids[0]}/?table_name=Table1"));
        Assert.Null(unlocked["_locked"]);
        Assert.Null(unlocked["_locked_by"]);
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row_id"] = ids[0], ["row"] = new JsonObject { ["Name"] = "free" } }));
        Assert.Equal("free", (await client.GetJsonAsync(b.V1($"rows/{ids[0]}/?table_name=Table1"))).Str("Name"));
        await client.SendJsonAsync(HttpMethod.Delete, b.V1("batch-delete-rows/"), new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(ids[0], ids[1]) });
        Assert.Single(await client.ListRowsAsync(b));
    }

    [SkippableFact]
    public async Task Table_metadata_is_one_tables_part_of_the_metadata()
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        using var _ = client;
        var all = (await client.GetJsonAsync(l.Base.V1("metadata/")))["metadata"].Objects("tables");
        foreach (var query in new[] { "table_name=Projects", $"table_id={l.ProjectsId}", $"table_name={l.ProjectsId}" })
        {
            foreach (var uri in new[] { l.Base.V1($"metadata/table/?{query}"), l.Base.V2($"metadata/table/?{query}", gateway: true) })
            {
                var table = (await client.GetJsonAsync(uri))["metadata"]!.AsObject();
                Assert.Equal(all.Single(t => t.Str("name") == "Projects").ToJsonString(), table.ToJsonString());
                Assert.Equal(["_id", "name", "columns", "views"], table.Select(p => p.Key));
            }
        }

        Assert.Equal("table not found", (await client.FailAsync(HttpMethod.Get, l.Base.V1("metadata/table/?table_name=Nope"), "{}")).Body.Str("error_msg"));
        Assert.Equal("table_name invalid.", (await client.FailAsync(HttpMethod.Get, l.Base.V1("metadata/table/"), "{}")).Body.Str("error_msg"));
    }

    [SkippableFact]
    public async Task Duplicate_table_copies_columns_views_and_with_records_the_rows()
    {
        var (l, client) = await (await Owner).NewLinkedBaseAsync();
        using var _ = client;
        await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("lock-rows/"), new JsonObject { ["table_name"] = "Projects", ["row_ids"] = new JsonArray(l.Projects[0]) });
        await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), new JsonObject
        {
            ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["other_rows_ids_map"] = Map((l.Projects[1], [l.People[0], l.People[2]])),
        });
        var copy = (await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("tables/duplicate-table/"), new JsonObject
        {
            ["table_name"] = "Projects", ["is_duplicate_records"] = true,
        })).AsObject();
        Assert.Equal("Projects(copy)", copy.Str("name"));
        Assert.NotEqual(l.ProjectsId, copy.Str("_id"));
        // The columns keep their keys; the link column is a new link to the same table, with its rows' links.
        Assert.Equal(["Title", "People"], copy.Objects("columns").Select(c => c.Str("name")));
        var copiedLink = copy.Objects("columns")[1]["data"]!;
        Assert.NotEqual(l.LinkId, copiedLink.Str("link_id"));
        Assert.Equal(copy.Str("_id"), copiedLink.Str("table_id"));
        Assert.Equal(l.PeopleId, copiedLink.Str("other_table_id"));
        Assert.Equal(["Default View"], copy.Objects("views").Select(v => v.Str("name")));
        var copied = copy.Objects("rows");
        Assert.Equal(["P1", "P2", "P3"], copied.Select(r => r.Str(copy.Objects("columns")[0].Str("key"))));
        Assert.Empty(copied.Select(r => r.Str("_id")).Intersect(l.Projects));
        var copiedRows = await client.ListRowsAsync(l.Base, "Projects(copy)");
        Assert.Equal(["P1", "P2", "P3"], copiedRows.Select(r => r.Str("Title")));
        Assert.Equal([[], [l.People[0], l.People[2]], []], copiedRows.Select(r => r["People"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray()));
        var person = (await client.ListRowsAsync(l.Base)).Single(r => r.Str("_id") == l.People[0]);
        Assert.Equal([copiedRows[1].Str("_id")], person["Projects(copy)"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal([l.Projects[1]], person["Projects"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(3, (await client.ListRowsAsync(l.Base, "Projects")).Count);

        var empty = await client.SendJsonAsync(HttpMethod.Post, l.Base.V2("tables/duplicate-table/", gateway: true), new JsonObject
        {
            ["table_id"] = (await client.GetJsonAsync(l.Base.V1("metadata/")))["metadata"].Objects("tables").Single(t => t.Str("name") == "Table1").Str("_id"),
            ["is_duplicate_records"] = false,
        });
        Assert.Equal("Table1(copy)", empty.Str("name"));
        Assert.Empty(empty.Objects("rows"));
        Assert.Empty(await client.ListRowsAsync(l.Base, "Table1(copy)"));

        var (taken, takenBody) = await client.FailAsync(HttpMethod.Post, l.Base.V1("tables/duplicate-table/"), """{"table_name": "Projects", "is_duplicate_records": true}""");
        Assert.Equal(HttpStatusCode.BadRequest, taken);
        Assert.Equal("table Projects(copy) already exists", takenBody.Str("error_msg"));
        Assert.Equal("table_not_exist", (await client.FailAsync(HttpMethod.Post, l.Base.V1("tables/duplicate-table/"), """{"table_name": "Nope"}""")).Body.Str("error_type"));
        Assert.Equal("table_name invalid.", (await client.FailAsync(HttpMethod.Post, l.Base.V1("tables/duplicate-table/"), """{"is_duplicate_records": true}""")).Body.Str("error_msg"));
        Assert.Equal("is_duplicate_records invalid.", (await client.FailAsync(HttpMethod.Post, l.Base.V1("tables/duplicate-table/"), """{"table_name": "Table1", "is_duplicate_records": "maybe"}""")).Body.Str("error_msg"));
        Assert.Equal(4, (await client.GetJsonAsync(l.Base.V1("metadata/")))["metadata"].Objects("tables").Count);
    }
}
