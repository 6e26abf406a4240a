using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.ImportExport;

[Collection(SharedServerCollection.Name)]
public sealed class CsvImportTests_Sqlite(SharedServer server, ClassUsers users) : CsvImportTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CsvImportTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : CsvImportTests(server, users);

/// <summary>
/// CSV import (E15, reference 7 and 10.3 case 11): answered once the base is built, with a task that is already
/// finished; SeaTable's header cleaning, delimiter choice and type inference; rows keyed by column key.
/// </summary>
public abstract class CsvImportTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private SeaTableAppFactory Factory => Server.Factory;

    [SkippableFact]
    public async Task People_csv_becomes_a_base_with_text_multiple_select_and_checkbox_columns()
    {
        var owner = await users.GetAsync(Server, "csv");
        using var client = owner.Client();
        var name = NewBaseName("people");
        var csv = "Name,Tags,Done\r\nAlice,\"a,b\",yes\r\nBob,\"b, c\",no\r\nCarol,a,yes\r\n";

        var answer = await client.ImportAsync(owner.WorkspaceId, name + ".csv", Encoding.UTF8.GetBytes(csv));

        var table = answer["table"]!;
        Assert.Equal(name, table.Str("name"));
        Assert.Contains(name, await client.BaseNamesAsync());
        // The task is already finished: its status shows it once.
        var status = await client.GetJsonAsync(StatusUrl(answer.Str("task_id")));
        Assert.True(status["is_finished"]!.GetValue<bool>());
        Assert.Equal("finished", status.Str("phase"));
        Assert.Equal(3, status.Long("rows_done"));

        var content = await Factory.ContentAsync(table.Str("uuid"));
        var t = content["tables"]!.AsArray().Single()!;
        Assert.Equal(name, t.Str("name"));
        Assert.Equal("0000", t["_id"]!.GetValue<string>());
        var columns = t["columns"]!.AsArray().Select(c => (c!.Str("name"), c.Str("type"))).ToList();
        Assert.Equal([("Name", "text"), ("Tags", "multiple-select"), ("Done", "checkbox")], columns);
        Assert.Equal("0000", t["columns"]![0]!.Str("key"));
        var options = t["columns"]![1]!["data"]!["options"]!.AsArray().ToDictionary(o => o!.Str("name"), o => o!.Str("id"));
        Assert.Equal(["a", "b", "c"], options.Keys);
        var rows = t["rows"]!.AsArray();
        Assert.Equal(3, rows.Count);
        var tagsKey = t["columns"]![1]!.Str("key");
        var doneKey = t["columns"]![2]!.Str("key");
        Assert.Equal("Alice", rows[0]!.Str("0000"));
        Assert.Equal([options["a"], options["b"]], rows[0]![tagsKey]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([options["b"], options["c"]], rows[1]![tagsKey]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True(rows[0]![doneKey]!.GetValue<bool>());
        Assert.False(rows[1]![doneKey]!.GetValue<bool>());
        foreach (var row in rows)
        {
            Assert.Equal(22, row!.Str("_id").Length);
            Assert.Equal(owner.Id, row.Str("_creator"));
            Assert.Equal(owner.Id, row.Str("_last_modifier"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", row.Str("_ctime"));
            Assert.Equal(row.Str("_ctime"), row.Str("_mtime"));
        }

        Assert.Equal("Default View", t["views"]![0]!.Str("name"));
        AssertNoTaskFiles(Factory, answer.Str("task_id"));
    }

    [SkippableFact]
    public async Task Bom_semicolons_quotes_and_messy_headers_follow_seatables_rules()
    {
        var owner = await users.GetAsync(Server, "csv");
        using var client = owner.Client();
        var name = NewBaseName("messy");
        // BOM; more ';' than ',' on the first line; an empty header; a repeated one; `.{} in names; a quoted
        // field with the delimiter, quotes and a line break; an empty line and an all-empty row (both skipped);
        // a column with neither header nor values (dropped).
        var csv = "\uFEFFTitle;;Title; a.b{c}`d ;Notes;\n"
            + "one;x1;t1;v;\"multi\nline \"\"quoted\"\"; here\";\n"
            + "\n"
            + ";;;;;\n"
            + "two;x2;t2;w;plain;\n";

        var answer = await client.ImportAsync(owner.WorkspaceId, name + ".CSV", new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray());

        var content = await Factory.ContentAsync(answer["table"]!.Str("uuid"));
        var t = content["tables"]![0]!;
        Assert.Equal(
            [("Title", "text"), ("Field2", "text"), ("Title (1)", "text"), ("a_b_c__d", "text"), ("Notes", "long-text")],
            t["columns"]!.AsArray().Select(c => (c!.Str("name"), c.Str("type"))));
        var rows = RowsByName(content.AsObject());
        Assert.Equal(2, rows.Count);
        Assert.Equal("\"one\"", rows[0]["Title"]);
        Assert.Equal("\"x1\"", rows[0]["Field2"]);
        Assert.Equal("\"t1\"", rows[0]["Title (1)"]);
        var notes = JsonNode.Parse(rows[0]["Notes"])!;
        Assert.Equal("multi\nline \"quoted\"; here", notes.Str("text"));
        Assert.Equal(0, notes["checklist"]!["total"]!.GetValue<int>());
        // One long text, one plain value: a tie goes to the type seen first.
        Assert.Equal("plain", JsonNode.Parse(rows[1]["Notes"])!.Str("text"));
    }

    [SkippableFact]
    public async Task A_long_text_column_and_long_options_are_inferred_by_the_most_frequent_type()
    {
        var owner = await users.GetAsync(Server, "csv");
        using var client = owner.Client();
        var csv = new StringBuilder("Story,List,Flag\n");
        csv.Append("\"a\nb\",\"this option is much longer than twenty, x\",√\n");
        csv.Append("\"c\nd\",\"p,q\",x\n");
        csv.Append("e,\"r,s\",checked\n");

        var answer = await client.ImportAsync(owner.WorkspaceId, NewBaseName("kinds") + ".csv", Encoding.UTF8.GetBytes(csv.ToString()));

        var t = (await Factory.ContentAsync(answer["table"]!.Str("uuid")))["tables"]![0]!;
        Assert.Equal([("Story", "long-text"), ("List", "multiple-select"), ("Flag", "checkbox")],
            t["columns"]!.AsArray().Select(c => (c!.Str("name"), c.Str("type"))));
        var rows = t["rows"]!.AsArray();
        var flag = t["columns"]![2]!.Str("key");
        Assert.Equal([true, false, true], rows.Select(r => r![flag]!.GetValue<bool>()));
        // The short cell of the long-text column stays a long-text value.
        Assert.Equal("e", rows[2]!["0000"]!.Str("text"));
    }

    [SkippableFact]
    public async Task A_name_conflict_is_refused_and_changes_nothing()
    {
        var owner = await users.GetAsync(Server, "csv");
        using var client = owner.Client();
        var name = NewBaseName("taken");
        var existing = await client.CreateBaseAsync(name);

        var (status, body) = await client.ImportRawAsync(owner.WorkspaceId, name + ".csv", "A\n1\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, $"Table {name} already exists.");
        Assert.Equal(existing.Str("uuid"), (await client.FindOwnBaseAsync(name))!.Str("uuid"));
        Assert.Equal("Table1", (await Factory.ContentAsync(existing.Str("uuid")))["tables"]![0]!.Str("name"));
    }
}
