using System.Globalization;
using System.Text;
using System.Text.Json;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Engine;

namespace SeaTable.Tests.Sql.Engine;

/// <summary>
/// A small base to run statements on, straight through the engine (no grain): Contacts with a column of each
/// kind SQL reads, Orders linked to them. Results are printed compactly: a row's values in order joined by
/// "|", rows joined by "; ", null as "null", lists as [a,b], links as their display values.
/// </summary>
public abstract class SqlTestBase
{
    internal const string Content = """
        {"version": 1, "format_version": 9,
         "tables": [
           {"_id": "t1", "name": "Contacts", "columns": [
              {"key": "0000", "name": "Name", "type": "text"},
              {"key": "age0", "name": "Age", "type": "number", "data": {"format": "number"}},
              {"key": "city", "name": "City", "type": "single-select", "data": {"options": [
                 {"id": "o1", "name": "Berlin", "color": "#fff"}, {"id": "o2", "name": "Paris", "color": "#fff"}, {"id": "o3", "name": "Amsterdam", "color": "#fff"}]}},
              {"key": "tags", "name": "Tags", "type": "multiple-select", "data": {"options": [
                 {"id": "g1", "name": "vip", "color": "#fff"}, {"id": "g2", "name": "new", "color": "#fff"}, {"id": "g3", "name": "old", "color": "#fff"}]}},
              {"key": "born", "name": "Born", "type": "date", "data": {"format": "YYYY-MM-DD"}},
              {"key": "actv", "name": "Active", "type": "checkbox"},
              {"key": "ownr", "name": "Owner", "type": "collaborator"},
              {"key": "note", "name": "Notes", "type": "long-text"},
              {"key": "home", "name": "Home town", "type": "text"},
              {"key": "yr00", "name": "year", "type": "number"},
              {"key": "ords", "name": "Orders", "type": "link", "data": {"link_id": "L1", "table_id": "t1", "other_table_id": "t2", "display_column_key": "0000"}}],
            "rows": [
              {"_id": "r1", "_ctime": "2024-01-01T10:00:00.000+00:00", "_creator": "a@auth.local", "0000": "Alice", "age0": 30, "city": "o1", "tags": ["g1", "g2"], "born": "1994-05-01", "actv": true, "ownr": ["alice@x"], "note": "Hello", "home": "Bonn", "yr00": 1},
              {"_id": "r2", "0000": "Bob", "age0": 25, "city": "o2", "tags": ["g2"], "born": "1999-12-31", "actv": false, "ownr": [], "home": "Bonn", "yr00": 2},
              {"_id": "r3", "0000": "Carol", "age0": 35, "city": "o1", "tags": [], "born": "1989-01-15", "ownr": ["bob@x", "alice@x"], "note": {"text": "Long", "preview": "Long"}, "home": ""},
              {"_id": "r4", "0000": "Dave", "city": "o3", "tags": ["g3"], "actv": true, "home": "Köln"},
              {"_id": "r5", "0000": "Eve", "age0": 28, "tags": ["g1"], "born": "1996-07-04 08:30", "home": "Bonn"},
              {"_id": "r6", "0000": "frank", "age0": 40, "city": "o2", "tags": ["g1", "g3"], "born": "1984-02-29", "home": "Köln"}]},
           {"_id": "t2", "name": "Orders", "columns": [
              {"key": "0000", "name": "Title", "type": "text"},
              {"key": "amt0", "name": "Amount", "type": "number"},
              {"key": "cust", "name": "Customer", "type": "text"},
              {"key": "buyr", "name": "Buyer", "type": "link", "data": {"link_id": "L1", "table_id": "t2", "other_table_id": "t1", "display_column_key": "0000"}}],
            "rows": [
              {"_id": "o1", "0000": "Book", "amt0": 12.5, "cust": "Alice"},
              {"_id": "o2", "0000": "Pen", "amt0": 2, "cust": "Alice"},
              {"_id": "o3", "0000": "Lamp", "amt0": 30, "cust": "Bob"},
              {"_id": "o4", "0000": "Desk", "amt0": 150, "cust": "Zed"}]}],
         "links": [{"_id": "L1", "table1_id": "t1", "table2_id": "t2",
                    "table1_table2_map": {"r1": ["o1", "o2"], "r2": ["o3"]}, "table2_table1_map": {"o1": ["r1"], "o2": ["r1"], "o3": ["r2"]}}]}
        """;

    internal static readonly SqlLimits Limits = new(TimeSpan.FromSeconds(30));

    internal static BaseContent Load(string json = Content)
    {
        using var document = JsonDocument.Parse(json);
        return new ContentJsonReader(new StringPool()).Read(document.RootElement);
    }

    /// <summary>Runs a statement; a write's operations are applied to <paramref name="content"/>.</summary>
    internal static (JsonDocument? Answer, SqlOutcome Outcome) Run(BaseContent content, string sql, bool convertKeys = true,
        string? parameters = null, bool canWrite = true, SqlLimits? limits = null, SqlVectors? vectors = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        SqlOutcome outcome;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            outcome = SqlEngine.Run(content, new SqlQuery(sql, convertKeys, parameters, canWrite, "app@auth.local"), limits ?? Limits, TimeProvider.System, writer, vectors);
        }

        foreach (var operation in outcome.Operations ?? [])
        {
            operation.Apply(content);
        }

        return (buffer.WrittenCount == 0 ? null : JsonDocument.Parse(buffer.WrittenMemory), outcome);
    }

    /// <summary>
    /// The printed results, read twice: from the rows' cells, and from decoded columns (as the grain runs a
    /// statement that reads every row, twice so the second reads the kept ones); both must agree.
    /// </summary>
    internal static string Rows(BaseContent content, string sql, bool convertKeys = true, string? parameters = null)
    {
        var (answer, _) = Run(content, sql, convertKeys, parameters);
        Assert.NotNull(answer);
        Assert.True(answer.RootElement.GetProperty("success").GetBoolean());
        var printed = Print(answer.RootElement.GetProperty("results"));
        var vectors = new SqlVectors();
        for (var i = 0; i < 2; i++)
        {
            var (again, _) = Run(content, sql, convertKeys, parameters, vectors: vectors);
            Assert.Equal(printed, Print(again!.RootElement.GetProperty("results")));
        }

        return printed;
    }

    internal static SqlException Refused(BaseContent content, string sql, string? parameters = null, bool canWrite = true, SqlLimits? limits = null) =>
        Assert.Throws<SqlException>(() => Run(content, sql, parameters: parameters, canWrite: canWrite, limits: limits));

    internal static string Print(JsonElement results) =>
        string.Join("; ", results.EnumerateArray().Select(row => string.Join("|", row.EnumerateObject().Select(p => PrintValue(p.Value)))));

    private static string PrintValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(PrintValue)) + "]",
        JsonValueKind.Object when value.TryGetProperty("display_value", out var display) => PrintValue(display),
        _ => value.GetRawText(),
    };

    internal static string Json(JsonDocument document) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
}
