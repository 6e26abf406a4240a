using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Columns;

[Collection(SharedServerCollection.Name)]
public sealed class ColumnApiTests_Sqlite(SharedServer server, ClassUsers users) : ColumnApiTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ColumnApiTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ColumnApiTests(server, users);

/// <summary>The column calls of SeaTable's clients over HTTP: answers, placement, types, conversions and SeaTable's refusals.</summary>
public abstract class ColumnApiTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    [SkippableFact]
    public async Task Insert_column_answers_the_column_and_places_it_after_the_anchor_on_v1_and_v2()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        var age = await client.InsertColumnAsync(b, "Age", "number");
        Assert.Equal("Age", age.Str("name"));
        Assert.Equal("number", age.Str("type"));
        Assert.Matches("^[A-Za-z0-9]{4}$", age.Str("key"));
        Assert.Equal(200, age.Long("width"));
        Assert.True(age["editable"]!.GetValue<bool>());
        Assert.Equal("number", age["data"].Str("format"));

        // After the anchor (the Python client's column_key, sent as anchor_column), through the gateway, by table_id.
        var email = (await client.SendJsonAsync(HttpMethod.Post, b.V2("columns/", gateway: true), new JsonObject
        {
            ["table_name"] = "0000", ["table_id"] = "0000", ["column_name"] = "Email", ["column_type"] = "email", ["anchor_column"] = "0000",
        })).AsObject();
        Assert.Equal("email", email.Str("type"));
        var v2 = await client.SendJsonAsync(HttpMethod.Post, b.V2("columns/"), new JsonObject { ["table_name"] = "Table1", ["column_name"] = "Note" });
        Assert.Equal("text", v2.Str("type"));
        Assert.Equal(["Name", "Email", "Age", "Note"], (await client.ColumnsAsync(b)).Select(c => c.Str("name")));

        var row = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "Ada", ["Age"] = 36, ["Email"] = "ada@example.com" });
        var listed = Assert.Single(await client.ListRowsAsync(b), r => r.Str("_id") == row.Str("_id"));
        Assert.Equal(36, listed["Age"]!.GetValue<double>());
        Assert.Equal("ada@example.com", listed.Str("Email"));
    }

    [SkippableFact]
    public async Task Every_column_type_is_created_with_its_data_and_a_link_gets_its_counterpart()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.AddTableAsync(b, "Other");
        var added = (await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-columns/"),
            new JsonObject { ["table_name"] = "Table1", ["columns"] = ColumnCalls.EveryType() })).Objects("columns");
        Assert.Equal(ColumnCalls.EveryType().Select(c => c.Str("column_name")), added.Select(c => c.Str("name")));
        var columns = (await client.ColumnsAsync(b)).ToDictionary(c => c.Str("name"));
        Assert.Equal(ColumnCalls.EveryType().Select(c => c.Str("column_type")), ColumnCalls.EveryType().Select(c => columns[c.Str("column_name")].Str("type")));

        Assert.Equal("euro", columns["Amount"]["data"].Str("format"));
        Assert.Equal("comma", columns["Amount"]["data"].Str("decimal"));
        Assert.Equal("dot", columns["Share"]["data"].Str("decimal"));
        Assert.Equal("h:mm:ss", columns["Took"]["data"].Str("duration_format"));
        Assert.Equal(7, columns["Stars"]["data"].Long("rate_max_number"));
        Assert.Equal(3, columns["No"]["data"].Long("digits"));
        Assert.Equal("{Amount} * 2", columns["Calc"]["data"].Str("formula"));
        var status = Assert.Single(columns["Status"]["data"].Objects("options"));
        Assert.Equal("open", status.Str("name"));
        Assert.Matches("^[0-9]{6}$", status.Str("id"));
        Assert.Equal(2, columns["Tags"]["data"].Objects("options").Select(o => o.Str("id")).Distinct().Count());

        // get_column_link_id reads data.link_id of the link column; the other table got the same link.
        var link = columns["Other"]["data"]!;
        Assert.Matches("^[A-Za-z0-9]{4}$", link.Str("link_id"));
        var counterpart = Assert.Single(await client.ColumnsAsync(b, "Other"), c => c.Str("type") == "link");
        Assert.Equal("Table1", counterpart.Str("name"));
        Assert.Equal(link.Str("link_id"), counterpart["data"].Str("link_id"));
        Assert.Equal(link.Str("other_table_id"), counterpart["data"].Str("table_id"));

        // The link works for rows, from both sides.
        var here = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "here" });
        var there = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "there" }, "Other");
        await client.SendJsonAsync(HttpMethod.Post, b.V1("links/"), new JsonObject
        {
            ["link_id"] = link.Str("link_id"), ["table_name"] = "Table1", ["other_table_name"] = "Other",
            ["table_row_id"] = here.Str("_id"), ["other_table_row_id"] = there.Str("_id"),
        });
        var otherRow = Assert.Single(await client.ListRowsAsync(b, "Other"), r => r.Str("_id") == there.Str("_id"));
        Assert.Equal([here.Str("_id")], otherRow["Table1"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Row_writes_are_checked_by_the_column_type()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.AddTableAsync(b, "Other");
        await client.SendJsonAsync(HttpMethod.Post, b.V1("batch-append-columns/"), new JsonObject { ["table_name"] = "Table1", ["columns"] = ColumnCalls.EveryType() });
        var good = new JsonObject
        {
            ["Name"] = "typed", ["Text"] = "t", ["Long"] = "# long", ["Amount"] = 12.5, ["Share"] = 0.5, ["Done"] = true, ["Due"] = "2024-03-01 10:30",
            ["Took"] = "1:30:15", ["Status"] = "open", ["Tags"] = new JsonArray("a", "new"), ["People"] = new JsonArray("ada@example.com"),
            ["Mail"] = "ada@example.com", ["Site"] = "https://example.com", ["Stars"] = 7, ["Place"] = new JsonObject { ["lng"] = 11.5, ["lat"] = 48.1 },
            ["Calc"] = "ignored", ["No"] = "ignored", ["Creator"] = "ignored",
        };
        var row = await client.AppendRowAsync(b, good);
        var listed = Assert.Single(await client.ListRowsAsync(b), r => r.Str("_id") == row.Str("_id"));
        Assert.Equal(5415, listed["Took"]!.GetValue<double>());
        Assert.Equal("open", listed.Str("Status"));
        Assert.Equal(["a", "new"], listed["Tags"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(7, listed["Stars"]!.GetValue<double>());
        // Formula values are not computed (absent); auto-numbers are: the three starter rows got 001 to 003.
        Assert.Null(listed["Calc"]);
        Assert.Equal("INV-004", listed.Str("No"));
        Assert.Equal(["INV-001", "INV-002", "INV-003", "INV-004"], (await client.ListRowsAsync(b)).Select(r => r.Str("No")));
        Assert.Equal(4, (await client.ColumnAsync(b, "No"))["data"].Long("max_used_auto_number"));

        foreach (var (column, value) in new (string, JsonNode)[]
                 {
                     ("Stars", 8), ("Stars", 2.5), ("Amount", "twelve"), ("Due", "not a date"), ("Took", "1:xx"), ("Done", "maybe"),
                     ("Place", new JsonObject { ["lng"] = 11.5 }), ("Tags", 5), ("Attachment", "file.pdf"), ("Long", 3),
                 })
        {
            var refused = await client.RefusedAsync(HttpMethod.Post, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { [column] = value.DeepClone() } });
            Assert.Equal("value_invalid", refused.Str("error_type"));
            Assert.Contains(column, refused.Str("error_message"), StringComparison.Ordinal);
        }

        Assert.Equal(4, (await client.ListRowsAsync(b)).Count);
    }

    [SkippableFact]
    public async Task Rename_resize_freeze_and_move_answer_the_column()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        var a = (await client.InsertColumnAsync(b, "A", "text")).Str("key");
        var c = (await client.InsertColumnAsync(b, "C", "number")).Str("key");
        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "row", ["A"] = "kept" });

        var renamed = await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "rename_column", ["column"] = a, ["new_column_name"] = "B" });
        Assert.Equal("B", renamed.Str("name"));
        Assert.Equal(a, renamed.Str("key"));
        Assert.Equal(320, (await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "resize_column", ["column"] = "B", ["new_column_width"] = 320 })).Long("width"));
        Assert.True((await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "freeze_column", ["column"] = a, ["frozen"] = true }))["frozen"]!.GetValue<bool>());

        // Onto the first column: right after it (the first column stays first); rightwards: after the target.
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "move_column", ["column"] = c, ["target_column"] = "0000" });
        Assert.Equal(["Name", "C", "B"], (await client.ColumnsAsync(b)).Select(x => x.Str("name")));
        await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "move_column", ["column"] = c, ["target_column"] = a });
        Assert.Equal(["Name", "B", "C"], (await client.ColumnsAsync(b)).Select(x => x.Str("name")));
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), new JsonObject
        {
            ["table_name"] = "Table1", ["op_type"] = "move_column", ["column"] = "0000", ["target_column"] = c,
        }), "The first column cannot be moved.");

        // The cells stay with the column through the rename.
        Assert.Equal("kept", (await client.ListRowsAsync(b)).Single(r => r["Name"]?.ToString() == "row").Str("B"));
    }

    [SkippableFact]
    public async Task Modify_column_type_converts_the_cells_as_SeaTable_does()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.InsertColumnAsync(b, "Value", "text");
        await client.InsertColumnAsync(b, "Price", "number", new JsonObject { ["format"] = "dollar" });
        await client.InsertColumnAsync(b, "Flag", "text");
        var values = new[] { ("12.5", 3.0, "yes"), ("abc", 1234.5, "no"), ("12.5", -2.0, "") };
        var ids = new List<string>();
        foreach (var (value, price, flag) in values)
        {
            ids.Add((await client.AppendRowAsync(b, new JsonObject { ["Name"] = value, ["Value"] = value, ["Price"] = price, ["Flag"] = flag })).Str("_id"));
        }

        async Task<JsonObject> Row(int i) => (await client.ListRowsAsync(b)).Single(r => r.Str("_id") == ids[i]);
        async Task<JsonObject> Modify(string column, string type) =>
            await client.UpdateColumnAsync(b, new JsonObject { ["op_type"] = "modify_column_type", ["column"] = column, ["new_column_type"] = type });

        // number -> text formats as the column shows the number.
        Assert.Equal("text", (await Modify("Price", "text")).Str("type"));
        Assert.Equal("$3.00", (await Row(0)).Str("Price"));
        Assert.Equal("$1234.50", (await Row(1)).Str("Price"));

        // text -> single-select: one option per distinct value.
        var select = await Modify("Value", "single-select");
        Assert.Equal(["12.5", "abc"], select["data"].Objects("options").Select(o => o.Str("name")));
        Assert.Equal("abc", (await Row(1)).Str("Value"));

        // single-select -> number parses the option names; what is no number is cleared.
        var number = await Modify("Value", "number");
        Assert.Equal("number", number["data"].Str("format"));
        Assert.Equal(12.5, (await Row(0))["Value"]!.GetValue<double>());
        Assert.Null((await Row(1))["Value"]);

        // text -> checkbox: yes-like texts are checked.
        await Modify("Flag", "checkbox");
        Assert.True((await Row(0))["Flag"]!.GetValue<bool>());
        Assert.False((await Row(1))["Flag"]!.GetValue<bool>());

        // text -> multiple-select splits at commas; -> formula keeps no cells.
        await client.InsertColumnAsync(b, "List", "text");
        await client.SendJsonAsync(HttpMethod.Put, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row_id"] = ids[0], ["row"] = new JsonObject { ["List"] = "x, y" } });
        await Modify("List", "multiple-select");
        Assert.Equal(["x", "y"], (await Row(0))["List"]!.AsArray().Select(n => n!.GetValue<string>()));
        await Modify("List", "formula");
        Assert.Null((await Row(0))["List"]);

        // ctime -> date: the row's creation time (the system columns keep no cells of their own).
        await client.InsertColumnAsync(b, "Created", "ctime");
        await Modify("Created", "date");
        var first = await Row(0);
        Assert.Equal(first.Str("_ctime")[..16].Replace('T', ' '), first.Str("Created"));

        var refused = await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), new JsonObject
        {
            ["table_name"] = "Table1", ["op_type"] = "modify_column_type", ["column"] = "Flag", ["new_column_type"] = "spreadsheet",
        });
        AssertError(refused, "column_type invalid.");
    }

    [SkippableFact]
    public async Task Delete_column_refuses_the_first_and_a_link_column_takes_its_other_side()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.AddTableAsync(b, "Other");
        var note = await client.InsertColumnAsync(b, "Note", "text");
        var link = await client.InsertColumnAsync(b, "Other", "link", new JsonObject { ["table"] = "Table1", ["other_table"] = "Other" });
        await client.AppendRowAsync(b, new JsonObject { ["Name"] = "n", ["Note"] = "gone" });

        AssertError(await client.RefusedAsync(HttpMethod.Delete, b.V1("columns/"), new JsonObject { ["table_name"] = "Table1", ["column"] = "0000" }),
            "The first column cannot be deleted.");
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Delete, b.V1("columns/"), new JsonObject { ["table_name"] = "Table1", ["column"] = note.Str("key") }));
        Assert.DoesNotContain(await client.ListRowsAsync(b), r => r["Note"] is not null);

        // Through the gateway, by name: the link column, its counterpart and the link go.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Delete, b.V2("columns/", gateway: true), new JsonObject { ["table_name"] = "Table1", ["column"] = "Other" }));
        Assert.Equal(["Name"], (await client.ColumnsAsync(b)).Select(c => c.Str("name")));
        Assert.DoesNotContain(await client.ColumnsAsync(b, "Other"), c => c.Str("type") == "link");
        var content = JsonNode.Parse((await client.SendRawAsync(HttpMethod.Get, b.V2(""))).Body)!;
        Assert.DoesNotContain(content["links"]!.AsArray(), l => l.Str("_id") == link["data"].Str("link_id"));

        var missing = await client.RefusedAsync(HttpMethod.Delete, b.V1("columns/"), new JsonObject { ["table_name"] = "Table1", ["column"] = "Nope" });
        AssertError(missing, "column Nope not found");
    }

    [SkippableFact]
    public async Task Select_options_are_added_updated_and_deleted()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.InsertColumnAsync(b, "Status", "single-select");
        await client.InsertColumnAsync(b, "Tags", "multiple-select");
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "Status",
            ["options"] = new JsonArray(new JsonObject { ["name"] = "open", ["color"] = "#aaa", ["textColor"] = "#000" }, new JsonObject { ["name"] = "done" }),
        }));
        // The same option again is skipped.
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, b.V2("column-options/", gateway: true), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "Status", ["options"] = new JsonArray(new JsonObject { ["name"] = "open" }),
        }));
        var options = (await client.ColumnAsync(b, "Status"))["data"].Objects("options");
        Assert.Equal(["open", "done"], options.Select(o => o.Str("name")));
        Assert.Equal("#aaa", options[0].Str("color"));
        Assert.All(options, o => Assert.Matches("^[0-9]{6}$", o.Str("id")));

        var row = await client.AppendRowAsync(b, new JsonObject { ["Name"] = "r", ["Status"] = "done", ["Tags"] = new JsonArray("x", "y") });
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Put, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "Status", ["options"] = new JsonArray(new JsonObject { ["id"] = options[1].Str("id"), ["name"] = "finished", ["color"] = "#0f0" }),
        }));
        Assert.Equal("finished", (await client.ListRowsAsync(b)).Single(r => r.Str("_id") == row.Str("_id")).Str("Status"));

        AssertSuccess(await client.SendJsonAsync(HttpMethod.Delete, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "Tags", ["options"] = new JsonArray("x"),
        }));
        var after = (await client.ListRowsAsync(b)).Single(r => r.Str("_id") == row.Str("_id"));
        Assert.Equal(["y"], after["Tags"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["y"], (await client.ColumnAsync(b, "Tags"))["data"].Objects("options").Select(o => o.Str("name")));

        AssertError(await client.RefusedAsync(HttpMethod.Delete, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "Tags", ["options"] = new JsonArray("y", "no such option"),
        }), "option no such option not found.");
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "Status", ["options"] = new JsonArray(new JsonObject { ["name"] = "missing", ["color"] = "#000" }),
        }), "option missing not found.");
        Assert.Equal(["y"], (await client.ColumnAsync(b, "Tags"))["data"].Objects("options").Select(o => o.Str("name")));
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("column-options/"), new JsonObject
        {
            ["table_name"] = "Table1", ["column"] = "0000", ["options"] = new JsonArray(new JsonObject { ["name"] = "a" }),
        }), "column type invalid.");
    }

    [SkippableFact]
    public async Task Cascade_settings_are_kept_in_the_child_column_by_option_id()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        var parent = await client.InsertColumnAsync(b, "Country", "single-select", new JsonObject { ["options"] = new JsonArray(new JsonObject { ["name"] = "DE" }, new JsonObject { ["name"] = "FR" }) });
        await client.InsertColumnAsync(b, "City", "single-select", new JsonObject { ["options"] = new JsonArray(new JsonObject { ["name"] = "Berlin" }, new JsonObject { ["name"] = "Paris" }) });
        AssertSuccess(await client.SendJsonAsync(HttpMethod.Post, b.V1("column-cascade-settings/"), new JsonObject
        {
            ["table_name"] = "Table1", ["child_column"] = "City", ["parent_column"] = "Country",
            ["cascade_settings"] = new JsonObject { ["DE"] = new JsonArray("Berlin"), ["FR"] = new JsonArray("Paris") },
        }));
        var city = await client.ColumnAsync(b, "City");
        Assert.Equal(parent.Str("key"), city["data"].Str("cascade_column_key"));
        var de = parent["data"].Objects("options")[0].Str("id");
        var berlin = city["data"].Objects("options")[0].Str("id");
        Assert.Equal([berlin], city["data"]!["cascade_settings"]![de]!.AsArray().Select(n => n!.GetValue<string>()));

        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("column-cascade-settings/"), new JsonObject
        {
            ["table_name"] = "Table1", ["child_column"] = "City", ["parent_column"] = "Country", ["cascade_settings"] = new JsonObject { ["IT"] = new JsonArray("Rome") },
        }), "option IT not found.");
    }

    [SkippableFact]
    public async Task Bad_input_is_refused_with_SeaTable_bodies_and_nothing_half_written()
    {
        var b = await (await Owner).NewBaseAsync(prefix: "columns");
        using var client = Server.Factory.BaseClient(b.Jwt);
        await client.InsertColumnAsync(b, "Taken", "text");
        var before = await client.ColumnsAsync(b);
        JsonObject Insert(string name, string type) => new() { ["table_name"] = "Table1", ["column_name"] = name, ["column_type"] = type };

        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), Insert("New", "spreadsheet")), "column_type invalid.");
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), Insert("Taken", "text")), "column_name Taken exists.");
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), Insert("", "text")), "column_name invalid.");
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), new JsonObject { ["column_name"] = "x" }), "table_name invalid.");
        var noTable = await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), new JsonObject { ["table_name"] = "Nope", ["column_name"] = "x" });
        Assert.Equal("table_not_exist", noTable.Str("error_type"));
        var rate = Insert("R", "rate");
        rate["column_data"] = new JsonObject { ["rate_max_number"] = 50 };
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), rate), "column_data invalid.");
        var number = Insert("N", "number");
        number["column_data"] = new JsonObject { ["format"] = "bitcoin" };
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), number), "column_data invalid.");
        var link = Insert("L", "link");
        link["column_data"] = new JsonObject { ["other_table"] = "Nope" };
        Assert.Equal("table_not_exist", (await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), link)).Str("error_type"));
        var anchored = Insert("A", "text");
        anchored["anchor_column"] = "Nope";
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("columns/"), anchored), "column Nope not found");

        // A batch is all or nothing: its second column refuses the first too.
        AssertError(await client.RefusedAsync(HttpMethod.Post, b.V1("batch-append-columns/"), new JsonObject
        {
            ["table_name"] = "Table1", ["columns"] = new JsonArray(ColumnCalls.Column("Fine", "text"), ColumnCalls.Column("Fine", "number")),
        }), "column_name Fine exists.");

        JsonObject Put(string op, string column) => new() { ["table_name"] = "Table1", ["op_type"] = op, ["column"] = column };
        var self = Put("move_column", "Taken");
        self["target_column"] = "Taken";
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), self), "target_column invalid.");
        var rename = Put("rename_column", "Taken");
        rename["new_column_name"] = "Name";
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), rename), "column_name Name exists.");
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), Put("explode_column", "Taken")), "op_type invalid.");
        var missing = Put("resize_column", "Nope");
        missing["new_column_width"] = 100;
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), missing), "column Nope not found");
        AssertError(await client.RefusedAsync(HttpMethod.Put, b.V1("columns/"), Put("resize_column", "Taken")), "new_column_width invalid.");

        Assert.Equal(before.Select(c => c.ToJsonString()), (await client.ColumnsAsync(b)).Select(c => c.ToJsonString()));
    }
}
