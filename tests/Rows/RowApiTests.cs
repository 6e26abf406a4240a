using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Rows;

[Collection(SharedServerCollection.Name)]
public sealed class RowApiTests_Sqlite(SharedServer server, ClassUsers users) : RowApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class RowApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : RowApiTests(server, users);

/// <summary>
/// The row API behind the base token (reference 9): shapes as seatable-api expects them, system fields,
/// types, limits and SeaTable's error bodies.
/// </summary>
public abstract class RowApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static readonly JsonArray TypedColumns =
    [
        new JsonObject { ["column_name"] = "Title", ["column_type"] = "text" },
        new JsonObject { ["column_name"] = "Count", ["column_type"] = "number" },
        new JsonObject { ["column_name"] = "Done", ["column_type"] = "checkbox" },
        new JsonObject { ["column_name"] = "Due", ["column_type"] = "date" },
        new JsonObject { ["column_name"] = "Status", ["column_type"] = "single-select" },
        new JsonObject { ["column_name"] = "Tags", ["column_type"] = "multiple-select" },
    ];

    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task Metadata_and_the_whole_base_show_the_default_table()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var metadata = (await client.GetJsonAsync(b.V1("metadata/")))["metadata"]!;
        var table = Assert.Single(metadata.Objects("tables"));
        Assert.Equal("Table1", table.Str("name"));
        Assert.Equal("0000", table.Str("_id"));
        Assert.Equal(["Name"], table.Objects("columns").Select(c => c.Str("name")));
        Assert.Equal(["Default View"], table.Objects("views").Select(v => v.Str("name")));
        Assert.Null(table["rows"]);
        Assert.Equal(9, metadata.Long("format_version"));

        foreach (var path in new[] { $"/dtable-server/dtables/{b.Uuid}/?lang=en", b.V2(""), b.V2("", gateway: true) })
        {
            var full = await client.GetJsonAsync(path);
            var fullTable = Assert.Single(full.Objects("tables"));
            Assert.Equal("Table1", fullTable.Str("name"));
            Assert.Equal(3, fullTable.Objects("rows").Count);
            Assert.All(fullTable.Objects("rows"), r => Assert.Equal(22, r.Str("_id").Length));
        }

        Assert.Equal(metadata.ToJsonString(), (await client.GetJsonAsync(b.V2("metadata/", gateway: true)))["metadata"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task Append_list_get_update_and_delete_a_row_with_the_app_as_creator_and_modifier()
    {
        var owner = await Owner;
        var b = await owner.NewBaseAsync("writer-app");
        using var client = Server.Factory.BaseClient(b.Jwt);
        var before = DateTimeOffset.UtcNow;
        var appended = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "first", ["No such column"] = 1 });

        // v1 append answers the row keyed by column key, with its system fields.
        var id = appended.Str("_id");
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
        Assert.Equal("first", appended.Str("0000"));
        Assert.Equal("writer-app", appended.Str("_creator"));
        Assert.Equal("writer-app", appended.Str("_last_modifier"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", appended.Str("_ctime"));
        Assert.Equal(appended.Str("_ctime"), appended.Str("_mtime"));
        Assert.InRange(DateTimeOffset.Parse(appended.Str("_ctime"), System.Globalization.CultureInfo.InvariantCulture), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var rows = await client.ListRowsAsync(b);
        Assert.Equal(4, rows.Count);
        Assert.Equal(id, rows[^1].Str("_id"));
        Assert.Equal("first", rows[^1].Str("Name"));
        Assert.Equal("first", (await client.GetJsonAsync(b.V1($"rows/{id}/?table_name=Table1"))).Str("Name"));

        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V1("rows/"), new JsonObject
        {
            ["table_name"] = "Table1", ["row_id"] = id, ["row"] = new JsonObject { ["Name"] = "changed" },
        }));
        var changed = await client.GetJsonAsync(b.V1($"rows/{id}/?table_name=Table1"));
        Assert.Equal("changed", changed.Str("Name"));

        var deleted = await client.SendJsonAsync(HttpMethod.Delete, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row_id"] = id });
        AssertSuccess(deleted);
        Assert.Equal(1, deleted.Long("deleted_rows"));
        Assert.DoesNotContain(await client.ListRowsAsync(b), r => r.Str("_id") == id);
        var (status, body) = await client.SendRawAsync(HttpMethod.Get, b.V1($"rows/{id}/?table_name=Table1"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotNull(JsonNode.Parse(body)!["error_msg"]);
    }

    [SkippableFact]
    public async Task A_second_app_updating_a_row_becomes_its_last_modifier_while_the_creator_stays()
    {
        var owner = await Owner;
        var b = await owner.NewBaseAsync("app1");
        using var ownerClient = owner.Client();
        var second = await ownerClient.CreateApiTokenAsync(owner.WorkspaceId, b.Name, "app2", "rw");
        using var app1 = Server.Factory.BaseClient(b.Jwt);
        using var app2 = Server.Factory.BaseClient(await Server.Factory.ExchangeJwtAsync(second.Str("api_token")));

        var id = (await app1.AppendRowAsync(b, new JsonObject { ["Name"] = "shared" })).Str("_id");
        await Task.Delay(5);
        AssertSuccess(await app2.SendJsonAsync(HttpMethod.Put, b.V1("batch-update-rows/"), new JsonObject
        {
            ["table_name"] = "Table1",
            ["updates"] = new JsonArray { new JsonObject { ["row_id"] = id, ["row"] = new JsonObject { ["Name"] = "by app2" } } },
        }));
        var row = await app1.GetJsonAsync(b.V1($"rows/{id}/?table_name=Table1"));
        Assert.Equal("app1", row.Str("_creator"));
        Assert.Equal("app2", row.Str("_last_modifier"));
        Assert.Equal("by app2", row.Str("Name"));
        Assert.True(string.CompareOrdinal(row.Str("_mtime"), row.Str("_ctime")) > 0, row.ToJsonString());
    }

    [SkippableFact]
    public async Task Insert_with_an_anchor_places_the_row_below_or_above_it()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var ids = (await client.ListRowsAsync(b)).Select(r => r.Str("_id")).ToList();
        var below = (await client.SendJsonAsync(HttpMethod.Post, b.V1("rows/"), new JsonObject
        {
            ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "below" }, ["anchor_row_id"] = ids[0],
        })).Str("_id");
        var above = (await client.SendJsonAsync(HttpMethod.Post, b.V1("rows/"), new JsonObject
        {
            ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "above" }, ["anchor_row_id"] = ids[0], ["row_insert_position"] = "insert_above",
        })).Str("_id");
        Assert.Equal([above, ids[0], below, ids[1], ids[2]], (await client.ListRowsAsync(b)).Select(r => r.Str("_id")));

        var (status, body) = await client.SendRawAsync(HttpMethod.Post, b.V1("rows/"), Json(new JsonObject
        {
            ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "x" }, ["anchor_row_id"] = "nosuchrowxxxxxxxxxxxxx",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("row_not_exist", JsonNode.Parse(body)!.Str("error_type"));
    }

    [SkippableFact]
    public async Task Batch_calls_append_update_and_delete_and_refuse_more_than_the_limits()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var rows = new JsonArray([.. Enumerable.Range(0, 50).Select(i => (JsonNode)new JsonObject { ["Name"] = $"r{i:D2}" })]);
        var appended = await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-rows/"), new JsonObject { ["table_name"] = "Table1", ["rows"] = rows });
        Assert.Equal(50, appended.Long("inserted_row_count"));
        var listed = await client.ListRowsAsync(b);
        Assert.Equal(53, listed.Count);

        var mine = listed.Where(r => r["Name"] is not null).ToList();
        var updates = new JsonArray([.. mine.Take(10).Select(r => (JsonNode)new JsonObject { ["row_id"] = r.Str("_id"), ["row"] = new JsonObject { ["Name"] = "updated" } })]);
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V1("batch-update-rows/"), new JsonObject { ["table_name"] = "Table1", ["updates"] = updates }));
        Assert.Equal(10, (await client.ListRowsAsync(b)).Count(r => r["Name"]?.GetValue<string>() == "updated"));

        var deleted = await client.SendJsonAsync(HttpMethod.Delete, b.V1("batch-delete-rows/"), new JsonObject
        {
            ["table_name"] = "Table1", ["row_ids"] = new JsonArray([.. mine.Take(20).Select(r => (JsonNode)r.Str("_id")), "not-a-row"]),
        });
        Assert.Equal(20, deleted.Long("deleted_rows"));
        Assert.Equal(33, (await client.ListRowsAsync(b)).Count);

        var tooMany = new JsonArray([.. Enumerable.Range(0, 1001).Select(_ => (JsonNode)new JsonObject())]);
        var (status, body) = await client.SendRawAsync(HttpMethod.Post, b.V1("batch-append-rows/"), Json(new JsonObject { ["table_name"] = "Table1", ["rows"] = tooMany }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(JsonNode.Parse(body)!, "Number of rows exceeds the limit of 1000.");
        Assert.Equal(33, (await client.ListRowsAsync(b)).Count);
    }

    [SkippableFact]
    public async Task Listing_pages_and_orders_rows()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject { ["table_name"] = "Numbers", ["columns"] = TypedColumns.DeepClone() });
        var rows = new JsonArray([.. new[] { 5, 3, 9, 1 }.Select(n => (JsonNode)new JsonObject { ["Title"] = $"t{n}", ["Count"] = n })]);
        await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-rows/"), new JsonObject { ["table_name"] = "Numbers", ["rows"] = rows });

        Assert.Equal([5, 3, 9, 1], (await client.ListRowsAsync(b, "Numbers")).Select(r => r["Count"]!.GetValue<int>()));
        Assert.Equal([1, 3, 5, 9], (await client.ListRowsAsync(b, "Numbers", "&order_by=Count&direction=asc")).Select(r => r["Count"]!.GetValue<int>()));
        Assert.Equal([9, 5, 3, 1], (await client.ListRowsAsync(b, "Numbers", "&order_by=Count&direction=desc")).Select(r => r["Count"]!.GetValue<int>()));
        Assert.Equal([3, 9], (await client.ListRowsAsync(b, "Numbers", "&start=1&limit=2")).Select(r => r["Count"]!.GetValue<int>()));
        Assert.Equal(4, (await client.ListRowsAsync(b, "Numbers", "&view_name=Default%20View&limit=5000")).Count);

        foreach (var (query, status, error) in new[]
        {
            ("&start=-1", HttpStatusCode.BadRequest, "params invalid"),
            ("&limit=abc", HttpStatusCode.BadRequest, "params invalid"),
            ("&direction=sideways", HttpStatusCode.BadRequest, "params invalid"),
            ("&view_name=nope", HttpStatusCode.NotFound, "view not found"),
        })
        {
            var (actual, body) = await client.SendRawAsync(HttpMethod.Get, b.V1($"rows/?table_name=Numbers{query}"));
            Assert.Equal(status, actual);
            AssertError(JsonNode.Parse(body)!, error);
        }

        var (missing, missingBody) = await client.SendRawAsync(HttpMethod.Get, b.V1("rows/?table_name=Nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing);
        AssertError(JsonNode.Parse(missingBody)!, "table not found");
    }

    [SkippableFact]
    public async Task Values_are_stored_by_column_type_and_wrong_types_are_refused()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var table = await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject { ["table_name"] = "Typed", ["lang"] = "en", ["columns"] = TypedColumns.DeepClone() });
        Assert.Equal(["Title", "Count", "Done", "Due", "Status", "Tags"], table.Objects("columns").Select(c => c.Str("name")));

        var row = await client.AppendRowAsync(b, new JsonObject
        {
            ["Title"] = "typed", ["Count"] = "42.5", ["Done"] = true, ["Due"] = "2025-03-04 10:30", ["Status"] = "open", ["Tags"] = new JsonArray("a", "b"),
        }, "Typed");
        var listed = Assert.Single(await client.ListRowsAsync(b, "Typed"));
        Assert.Equal(42.5, listed["Count"]!.GetValue<double>());
        Assert.True(listed["Done"]!.GetValue<bool>());
        Assert.Equal("2025-03-04 10:30", listed.Str("Due"));
        Assert.Equal("open", listed.Str("Status"));
        Assert.Equal(["a", "b"], listed["Tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        // The row itself holds the option ids; the column gained the options.
        var columns = (await client.GetJsonAsync(b.V1("columns/?table_name=Typed"))).Objects("columns");
        var status = columns.Single(c => c.Str("name") == "Status");
        var option = Assert.Single(status["data"]!["options"]!.AsArray())!;
        Assert.Equal("open", option.Str("name"));
        Assert.Equal(option.Str("id"), row.Str(status.Str("key")));

        foreach (var (column, value) in new (string, JsonNode)[] { ("Count", "many"), ("Done", "maybe"), ("Due", "not a date"), ("Tags", new JsonObject()) })
        {
            var (code, body) = await client.SendRawAsync(HttpMethod.Post, b.V1("rows/"), Json(new JsonObject
            {
                ["table_name"] = "Typed", ["row"] = new JsonObject { [column] = value.DeepClone() },
            }));
            Assert.Equal(HttpStatusCode.BadRequest, code);
            Assert.Equal("value_invalid", JsonNode.Parse(body)!.Str("error_type"));
        }

        Assert.Single(await client.ListRowsAsync(b, "Typed"));
    }

    [SkippableFact]
    public async Task Tables_are_added_renamed_and_deleted_and_views_and_columns_listed()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var added = await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject { ["table_name"] = "Extra", ["lang"] = "en" });
        Assert.Equal("Extra", added.Str("name"));
        Assert.Equal(["Name"], added.Objects("columns").Select(c => c.Str("name")));
        var (dupStatus, _) = await client.SendRawAsync(HttpMethod.Post, b.V1("tables/"), Json(new JsonObject { ["table_name"] = "Extra" }));
        Assert.Equal(HttpStatusCode.BadRequest, dupStatus);

        Assert.Equal(["Default View"], (await client.GetJsonAsync(b.V1("views/?table_name=Extra"))).Objects("views").Select(v => v.Str("name")));
        Assert.Equal(["Name"], (await client.GetJsonAsync(b.V1("columns/?table_name=Extra&view_name=Default%20View"))).Objects("columns").Select(c => c.Str("name")));

        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V1("tables/"), new JsonObject { ["table_name"] = "Extra", ["new_table_name"] = "Renamed" }));
        var names = (await client.GetJsonAsync(b.V1("metadata/")))["metadata"].Objects("tables").Select(t => t.Str("name"));
        Assert.Equal(["Table1", "Renamed"], names);
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Delete, b.V1("tables/"), new JsonObject { ["table_name"] = "Renamed" }));
        Assert.Equal(["Table1"], (await client.GetJsonAsync(b.V1("metadata/")))["metadata"].Objects("tables").Select(t => t.Str("name")));

        var (status, body) = await client.SendRawAsync(HttpMethod.Post, b.V1("rows/"), Json(new JsonObject { ["table_name"] = "Renamed", ["row"] = new JsonObject() }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("table_not_exist", JsonNode.Parse(body)!.Str("error_type"));
        Assert.Equal("table Renamed not found", JsonNode.Parse(body)!.Str("error_message"));
    }

    [SkippableFact]
    public async Task Links_are_added_and_removed_and_listed_with_their_display_values()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var projects = await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject
        {
            ["table_name"] = "Projects",
            ["columns"] = new JsonArray
            {
                new JsonObject { ["column_name"] = "Title", ["column_type"] = "text" },
                new JsonObject { ["column_name"] = "People", ["column_type"] = "link", ["column_data"] = new JsonObject { ["other_table"] = "Table1" } },
            },
        });
        var linkId = projects.Objects("columns").Single(c => c.Str("name") == "People")["data"].Str("link_id");
        var person = (await client.AppendRowAsync(b, new JsonObject { ["Name"] = "Ada" })).Str("_id");
        var project = (await client.AppendRowAsync(b, new JsonObject { ["Title"] = "Engine" }, "Projects")).Str("_id");

        var link = new JsonObject
        {
            ["link_id"] = linkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["table_row_id"] = project, ["other_table_row_id"] = person,
        };
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, b.V1("links/"), link));
        var linked = Assert.Single(await client.ListRowsAsync(b, "Projects", "&convert_link_id=true"))["People"]!.AsArray();
        Assert.Equal(person, Assert.Single(linked)!.Str("row_id"));
        Assert.Equal("Ada", linked[0].Str("display_value"));
        var back = (await client.ListRowsAsync(b)).Single(r => r.Str("_id") == person);
        Assert.Equal(project, Assert.Single(back["Projects"]!.AsArray())!.GetValue<string>());

        AssertSuccess(await client.SendJsonAsync(HttpMethod.Delete, b.V1("links/"), link));
        Assert.Empty(Assert.Single(await client.ListRowsAsync(b, "Projects"))["People"]!.AsArray());

        var (status, body) = await client.SendRawAsync(HttpMethod.Post, b.V1("links/"), Json(new JsonObject
        {
            ["link_id"] = "zzzz", ["table_name"] = "Projects", ["other_table_name"] = "Table1", ["table_row_id"] = project, ["other_table_row_id"] = person,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("link_not_exist", JsonNode.Parse(body)!.Str("error_type"));
    }

    [SkippableFact]
    public async Task V2_rows_under_dtable_server_and_the_api_gateway()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        foreach (var gateway in new[] { false, true })
        {
            var appended = await client.SendJsonAsync(HttpMethod.Post, b.V2("rows/", gateway), new JsonObject
            {
                ["table_name"] = "Table1", ["rows"] = new JsonArray(new JsonObject { ["Name"] = "v2-a" }, new JsonObject { ["Name"] = "v2-b" }),
            });
            Assert.Equal(2, appended.Long("inserted_row_count"));
            var ids = appended.Objects("row_ids").Select(r => r.Str("_id")).ToList();
            Assert.Equal(2, ids.Count);
            Assert.Equal(ids[0], appended["first_row"].Str("_id"));
            Assert.Equal("v2-a", appended["first_row"].Str("0000"));

            var byName = (await client.GetJsonAsync(b.V2("rows/?table_name=Table1&convert_keys=true", gateway))).Objects("rows");
            Assert.Contains(byName, r => r["Name"]?.GetValue<string>() == "v2-b");
            var byKey = (await client.GetJsonAsync(b.V2("rows/?table_name=Table1&convert_keys=false", gateway))).Objects("rows");
            Assert.Contains(byKey, r => r["0000"]?.GetValue<string>() == "v2-b");
            Assert.Equal("v2-a", (await client.GetJsonAsync(b.V2($"rows/{ids[0]}/?table_name=Table1&convert_keys=true", gateway))).Str("Name"));

            AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V2("rows/", gateway), new JsonObject
            {
                ["table_name"] = "Table1", ["updates"] = new JsonArray(new JsonObject { ["row_id"] = ids[1], ["row"] = new JsonObject { ["Name"] = "v2-c" } }),
            }));
            Assert.Equal("v2-c", (await client.GetJsonAsync(b.V2($"rows/{ids[1]}/?table_name=Table1", gateway))).Str("Name"));
            var deleted = await client.SendJsonAsync(HttpMethod.Delete, b.V2("rows/", gateway), new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(ids[0], ids[1]) });
            Assert.Equal(2, deleted.Long("deleted_rows"));
        }

        Assert.Equal(3, (await client.ListRowsAsync(b)).Count);
        using var anonymous = Server.Factory.CreateClient();
        foreach (var ping in new[] { "/dtable-server/ping/", "/dtable-server/api/v2/ping/", "/api-gateway/api/v2/ping/" })
        {
            Assert.Equal("pong", (await anonymous.GetJsonAsync(ping)).GetValue<string>());
        }
    }

    [SkippableFact]
    public async Task Bad_bodies_get_seatable_errors_never_a_500()
    {
        var b = await (await Owner).NewBaseAsync();
        using var client = Server.Factory.BaseClient(b.Jwt);
        var cases = new (HttpMethod Method, string Path, string Body)[]
        {
            (HttpMethod.Post, "rows/", "{not json"),
            (HttpMethod.Post, "rows/", "[]"),
            (HttpMethod.Post, "rows/", """{"table_name": "Table1"}"""),
            (HttpMethod.Post, "rows/", """{"table_name": "Table1", "row": [1, 2]}"""),
            (HttpMethod.Post, "rows/", """{"table_name": 5, "row": {}}"""),
            (HttpMethod.Post, "batch-append-rows/", """{"table_name": "Table1", "rows": {"a": 1}}"""),
            (HttpMethod.Post, "batch-append-rows/", """{"table_name": "Table1", "rows": [1, "x"]}"""),
            (HttpMethod.Put, "rows/", """{"table_name": "Table1", "row_id": "x", "row": {}}"""),
            (HttpMethod.Put, "batch-update-rows/", """{"table_name": "Table1", "updates": [{"row": {}}]}"""),
            (HttpMethod.Delete, "batch-delete-rows/", """{"table_name": "Table1", "row_ids": [1]}"""),
            (HttpMethod.Post, "tables/", """{"table_name": "T", "columns": [{"column_name": "x", "column_type": "warp-drive"}]}"""),
            (HttpMethod.Post, "tables/", """{"table_name": "T", "columns": "x"}"""),
            (HttpMethod.Post, "links/", """{"table_name": "Table1"}"""),
        };
        foreach (var (method, path, text) in cases)
        {
            using var content = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
            var (status, body) = await client.SendRawAsync(method, b.V1(path), content);
            Assert.True(status == HttpStatusCode.BadRequest, $"{method} {path} {text}: {(int)status} {body}");
            var error = JsonNode.Parse(body)!.AsObject();
            Assert.True(error.ContainsKey("error_msg") || error.ContainsKey("error_type") || error.ContainsKey("detail"), body);
        }

        Assert.Equal(3, (await client.ListRowsAsync(b)).Count);
    }
}
