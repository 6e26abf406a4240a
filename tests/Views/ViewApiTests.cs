using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;
using SeaTable.Grains.Content.Storage;
using SeaTable.Tests.Api;
using SeaTable.Tests.ImportExport;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;
using static SeaTable.Tests.Views.ViewCalls;

namespace SeaTable.Tests.Views;

[Collection(SharedServerCollection.Name)]
public sealed class ViewApiTests_Sqlite(SharedServer server, ClassUsers users) : ViewApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ViewApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ViewApiTests(server, users);

/// <summary>
/// The views calls of seatable-api (list_views, get_view_by_name, add_view, rename_view, delete_view) and
/// PUT views/{name}/ with filters, sorts, group-bys and hidden columns: shapes, SeaTable's errors with nothing
/// half-written, the operations in the log, and the views surviving a reactivation and a .dtable round trip.
/// </summary>
public abstract class ViewApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task Add_get_rename_and_delete_a_view_as_the_python_client_does()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "views");
        using var client = Server.Factory.BaseClient(b.Jwt);
        Assert.Equal(["Default View"], await client.ViewNamesAsync(b));

        var added = await client.AddViewAsync(b, "My view");
        Assert.Equal("My view", added.Str("name"));
        Assert.Equal("table", added.Str("type"));
        Assert.False(added["is_locked"]!.GetValue<bool>());
        Assert.Equal("And", added.Str("filter_conjunction"));
        Assert.Empty(added["filters"]!.AsArray());
        Assert.Matches("^[A-Za-z0-9]{4}$", added.Str("_id"));
        Assert.Equal(["Default View", "My view"], await client.ViewNamesAsync(b));
        Assert.Equal(added.ToJsonString(), (await client.GetJsonAsync(b.ViewUrl("My view"))).ToJsonString());

        // v2, through the gateway, as the client's api_gateway wrapper calls it.
        var locked = (await client.SendJsonAsync(HttpMethod.Post, b.V2("views/?table_name=Table1", gateway: true),
            new JsonObject { ["name"] = "Locked", ["type"] = "table", ["is_locked"] = true })).AsObject();
        Assert.True(locked["is_locked"]!.GetValue<bool>());

        var renamed = await client.UpdateViewAsync(b, "My view", new JsonObject { ["name"] = "Renamed" });
        Assert.Equal("Renamed", renamed.Str("name"));
        Assert.Equal(added.Str("_id"), renamed.Str("_id"));
        Assert.Equal(["Default View", "Renamed", "Locked"], await client.ViewNamesAsync(b));

        AssertSuccess(await client.CallAsync(HttpMethod.Delete, b.ViewUrl("Renamed"), null, HttpStatusCode.OK));
        AssertSuccess(await client.CallAsync(HttpMethod.Delete, b.V2("views/Locked/?table_name=Table1"), null, HttpStatusCode.OK));
        Assert.Equal(["Default View"], await client.ViewNamesAsync(b));
        var metadata = (await client.GetJsonAsync(b.V1("metadata/")))["metadata"]!.Objects("tables")[0];
        Assert.Equal(["Default View"], metadata.Objects("views").Select(v => v.Str("name")));
    }

    [SkippableFact]
    public async Task Bad_view_calls_answer_seatables_errors_and_change_nothing()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "views");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.AddViewAsync(b, "Second");
        var before = (await client.GetJsonAsync(b.ViewsUrl())).ToJsonString();

        async Task Expect(HttpMethod method, string url, JsonObject? body, HttpStatusCode status, string message)
        {
            var (actual, text) = await client.SendRawAsync(method, url, body is null ? null : Json(body));
            Assert.True(actual == status, $"{method} {url}: expected {(int)status}, got {(int)actual}: {text}");
            AssertError(JsonNode.Parse(text)!, message);
        }

        await Expect(HttpMethod.Post, b.ViewsUrl(), new JsonObject { ["name"] = "Second" }, HttpStatusCode.BadRequest, "view Second already exists");
        await Expect(HttpMethod.Post, b.ViewsUrl(), new JsonObject { ["name"] = " " }, HttpStatusCode.BadRequest, "name invalid.");
        await Expect(HttpMethod.Post, b.ViewsUrl(), new JsonObject(), HttpStatusCode.BadRequest, "name invalid.");
        await Expect(HttpMethod.Post, b.ViewsUrl(), new JsonObject { ["name"] = "T", ["type"] = "kanban" }, HttpStatusCode.BadRequest, "type invalid.");
        var (missingTable, missingBody) = await client.SendRawAsync(HttpMethod.Post, b.ViewsUrl("Nope"), Json(new JsonObject { ["name"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, missingTable);
        Assert.Equal("table Nope not found", JsonNode.Parse(missingBody).Str("error_message"));
        await Expect(HttpMethod.Post, b.V1("views/"), new JsonObject { ["name"] = "x" }, HttpStatusCode.BadRequest, "table_name invalid.");
        await Expect(HttpMethod.Get, b.ViewUrl("Missing"), null, HttpStatusCode.NotFound, "view not found");
        await Expect(HttpMethod.Put, b.ViewUrl("Missing"), new JsonObject { ["name"] = "x" }, HttpStatusCode.NotFound, "view not found");
        await Expect(HttpMethod.Delete, b.ViewUrl("Missing"), null, HttpStatusCode.NotFound, "view not found");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["name"] = "Default View" }, HttpStatusCode.BadRequest, "view Default View already exists");

        // A change with one bad part writes none of it.
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject
        {
            ["name"] = "Changed", ["sorts"] = new JsonArray(new JsonObject { ["column_key"] = "0000", ["sort_type"] = "up" }),
            ["filters"] = new JsonArray(Filter("No such column", "contains", "x")),
        }, HttpStatusCode.BadRequest, "the column to filter does not exist");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["filters"] = new JsonArray(Filter("Name", "bogus", "x")) },
            HttpStatusCode.BadRequest, "unmatched filter predicate");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["filters"] = new JsonArray(Filter("Name", "contains", new JsonArray("x"))) },
            HttpStatusCode.BadRequest, "invalid filter term");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["filters"] = "Name" }, HttpStatusCode.BadRequest, "filters invalid.");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["filter_conjunction"] = "Xor" }, HttpStatusCode.BadRequest, "filter_conjunction invalid.");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["sorts"] = new JsonArray(new JsonObject { ["column_key"] = "zzzz" }) },
            HttpStatusCode.BadRequest, "column zzzz not found");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["sorts"] = new JsonArray(new JsonObject { ["column_key"] = "0000", ["sort_type"] = "sideways" }) },
            HttpStatusCode.BadRequest, "sorts invalid.");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["hidden_columns"] = new JsonArray("Ghost") }, HttpStatusCode.BadRequest, "column Ghost not found");
        await Expect(HttpMethod.Put, b.ViewUrl("Second"), new JsonObject { ["is_locked"] = "yes" }, HttpStatusCode.BadRequest, "is_locked invalid.");
        Assert.Equal(before, (await client.GetJsonAsync(b.ViewsUrl())).ToJsonString());

        // The last view stays, as in SeaTable.
        AssertSuccess(await client.CallAsync(HttpMethod.Delete, b.ViewUrl("Second"), null, HttpStatusCode.OK));
        await Expect(HttpMethod.Delete, b.ViewUrl("Default View"), null, HttpStatusCode.BadRequest, "The last view cannot be deleted");
        Assert.Equal(["Default View"], await client.ViewNamesAsync(b));
    }

    [SkippableFact]
    public async Task A_views_filters_sorts_and_hidden_columns_shape_the_rows_and_columns_listed_through_it()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "views");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await FilterKit.AddThingsAsync(client, b);
        await client.AddViewAsync(b, "Busy", FilterKit.Table);
        var view = await client.UpdateViewAsync(b, "Busy", new JsonObject
        {
            ["filters"] = new JsonArray(Filter("Count", "greater", 1), Filter("Status", "is_empty")),
            ["filter_conjunction"] = "or",
            ["sorts"] = new JsonArray(new JsonObject { ["column_name"] = "Count", ["sort_type"] = "down" }),
            ["groupbys"] = new JsonArray(new JsonObject { ["column_name"] = "Status" }),
            ["hidden_columns"] = new JsonArray("Tags", "Done"),
        }, FilterKit.Table);

        var columns = (await client.GetJsonAsync(b.V1($"columns/?table_name={FilterKit.Table}"))).Objects("columns");
        string Key(string name) => columns.Single(c => c.Str("name") == name).Str("key");
        Assert.Equal("Or", view.Str("filter_conjunction"));
        Assert.All(view.Objects("filters"), f => Assert.Null(f["column_name"]));
        Assert.Equal([Key("Count"), Key("Status")], view.Objects("filters").Select(f => f.Str("column_key")));
        Assert.Equal(Key("Count"), view.Objects("sorts")[0].Str("column_key"));
        Assert.Equal("down", view.Objects("sorts")[0].Str("sort_type"));
        Assert.Equal(Key("Status"), view.Objects("groupbys")[0].Str("column_key"));
        Assert.Equal([Key("Tags"), Key("Done")], view["hidden_columns"]!.AsArray().Select(k => k!.GetValue<string>()));

        var rows = await client.ListRowsAsync(b, FilterKit.Table, "&view_name=Busy");
        Assert.Equal(["gamma", "Beta", "delta"], rows.Select(r => r.Str("Title")));
        var visible = (await client.GetJsonAsync(b.V1($"columns/?table_name={FilterKit.Table}&view_name=Busy"))).Objects("columns").Select(c => c.Str("name"));
        Assert.DoesNotContain("Tags", visible);
        Assert.Contains("Title", visible);

        // filtered-rows within the view: its filters, then the given ones, in the view's order.
        Assert.Equal(["gamma", "Beta"], await client.FilterAsync(b, [Filter("Count", "is_not_empty")], table: FilterKit.Table, view: "Busy"));

        // Changing only the conjunction keeps the filters.
        view = await client.UpdateViewAsync(b, "Busy", new JsonObject { ["filter_conjunction"] = "And" }, FilterKit.Table);
        Assert.Equal(2, view.Objects("filters").Count);
        Assert.Equal(["gamma"], (await client.ListRowsAsync(b, FilterKit.Table, "&view_name=Busy")).Select(r => r.Str("Title")));

        // "include_me" knows the caller when rows are listed through the view, too.
        await client.AddViewAsync(b, "Mine", FilterKit.Table);
        await client.UpdateViewAsync(b, "Mine", new JsonObject { ["filters"] = new JsonArray(Filter("People", "include_me")) }, FilterKit.Table);
        Assert.Equal(["alpha"], (await client.ListRowsAsync(b, FilterKit.Table, "&view_name=Mine")).Select(r => r.Str("Title")));
    }

    [SkippableFact]
    public async Task View_writes_are_logged_as_view_operations_replayed_and_kept_through_reactivation_and_export()
    {
        var owner = await Owner;
        var b = await owner.NewBaseAsync(prefix: "views");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.AddViewAsync(b, "Kept");
        await client.AddViewAsync(b, "Gone");
        await client.UpdateViewAsync(b, "Kept", new JsonObject
        {
            ["name"] = "Kept view", ["filters"] = new JsonArray(Filter("Name", "contains", "a")),
            ["sorts"] = new JsonArray(new JsonObject { ["column_key"] = "0000", ["sort_type"] = "up" }),
            ["hidden_columns"] = new JsonArray(), ["is_locked"] = true,
        });
        await client.CallAsync(HttpMethod.Delete, b.ViewUrl("Gone"), null, HttpStatusCode.OK);
        var expected = (await client.GetJsonAsync(b.ViewsUrl())).ToJsonString();

        // The log holds SeaTable's view operations; replaying it on the stored snapshot gives the same views.
        var uuid = Guid.Parse(b.Uuid);
        var store = Server.Factory.Services.GetRequiredService<IContentStore>();
        var stored = await store.LoadAsync(uuid);
        var reader = new ContentJsonReader(new StringPool());
        if (stored.Snapshot is { } snapshot)
        {
            await using var text = Payloads.Open(snapshot);
            await new ContentJsonParser(reader).ReadAsync(text, CancellationToken.None);
        }

        var replayed = stored.Snapshot is null ? new BaseContent() : reader.Take();
        var types = new List<string>();
        foreach (var operation in stored.Operations)
        {
            foreach (var op in ContentOpLog.Decode(operation.Data, reader))
            {
                types.Add(op switch { InsertViewOp => "insert_view", DeleteViewOp => "delete_view", ModifyViewOp m => m.OpType, _ => op.GetType().Name });
                op.Apply(replayed);
            }
        }

        Assert.Equal(["insert_view", "insert_view", "rename_view", "modify_filters", "modify_sorts", "modify_hidden_columns", "modify_view_lock", "delete_view"],
            types.Where(t => t.Contains("view", StringComparison.Ordinal) || t.StartsWith("modify_", StringComparison.Ordinal)));
        Assert.Equal(JsonNode.Parse(expected)!["views"]!.ToJsonString(), replayed.TableByName("Table1")!.Views.ToJsonString());
        Assert.Equal(["0000", replayed.TableByName("Table1")!.Views[1]!["_id"]!.GetValue<string>()],
            replayed.TableByName("Table1")!.Extras["view_structure"]!["view_ids"]!.AsArray().Select(i => i!.GetValue<string>()));

        // Deactivated and read again (snapshot on the way out, loaded on the way in).
        var grains = Server.Factory.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IBaseContentGrain>(uuid).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        Assert.Equal(expected, (await client.GetJsonAsync(b.ViewsUrl())).ToJsonString());

        // Through .dtable export and import.
        using var account = owner.Client();
        var archive = await account.ExportBytesAsync(owner.WorkspaceId, b.Name, b.Uuid);
        var answer = await account.ImportAsync(owner.WorkspaceId, NewBaseName("views-copy") + ".dtable", archive);
        await account.WaitFinishedAsync(answer.Str("task_id"));
        var imported = answer["table"]!;
        var content = await Server.Factory.ContentAsync(imported.Str("uuid"));
        var views = content.Objects("tables")[0].Objects("views");
        Assert.Equal(["Default View", "Kept view"], views.Select(v => v.Str("name")));
        Assert.Equal(JsonNode.Parse(expected)!["views"]![1]!.ToJsonString(), views[1].ToJsonString());
    }
}
