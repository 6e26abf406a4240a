using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Columns;

/// <summary>The column calls as SeaTable's Python client sends them (same bodies on v1 and v2).</summary>
public static class ColumnCalls
{
    /// <summary>One column of every type SeaTable has, with its column_data (a link to "Other").</summary>
    public static JsonArray EveryType() =>
    [
        Column("Text", "text"),
        Column("Long", "long-text"),
        Column("Amount", "number", new JsonObject { ["format"] = "euro", ["decimal"] = "comma", ["thousands"] = "dot", ["precision"] = 2, ["enable_precision"] = true }),
        Column("Share", "number", new JsonObject { ["format"] = "percent" }),
        Column("Done", "checkbox"),
        Column("Due", "date", new JsonObject { ["format"] = "YYYY-MM-DD HH:mm" }),
        Column("Took", "duration", new JsonObject { ["format"] = "duration", ["duration_format"] = "h:mm:ss" }),
        Column("Status", "single-select", new JsonObject { ["options"] = new JsonArray(new JsonObject { ["name"] = "open", ["color"] = "#FFFCB5" }) }),
        Column("Tags", "multiple-select", new JsonObject { ["options"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) }),
        Column("People", "collaborator"),
        Column("Picture", "image"),
        Column("Attachment", "file"),
        Column("Mail", "email"),
        Column("Site", "url"),
        Column("Stars", "rate", new JsonObject { ["rate_max_number"] = 7 }),
        Column("Place", "geolocation", new JsonObject { ["geo_format"] = "lng_lat" }),
        Column("No", "auto-number", new JsonObject { ["format"] = "INV-000" }),
        Column("Creator", "creator"),
        Column("Created", "ctime"),
        Column("Modifier", "last-modifier"),
        Column("Modified", "mtime"),
        Column("Press", "button", new JsonObject { ["button_type"] = "open_url", ["button_name"] = "Go", ["url_address"] = "https://example.com" }),
        Column("Calc", "formula", new JsonObject { ["formula"] = "{Amount} * 2" }),
        Column("Other", "link", new JsonObject { ["table"] = "Table1", ["other_table"] = "Other" }),
    ];

    public static JsonObject Column(string name, string type, JsonObject? data = null)
    {
        var column = new JsonObject { ["column_name"] = name, ["column_type"] = type };
        if (data is not null)
        {
            column["column_data"] = data;
        }

        return column;
    }

    public static async Task<JsonObject> InsertColumnAsync(this HttpClient client, RowBase b, string name, string type, JsonObject? data = null,
        string table = "Table1", string? anchor = null, bool v2 = false)
    {
        var body = new JsonObject { ["table_name"] = table, ["column_name"] = name, ["column_type"] = type };
        if (data is not null)
        {
            body["column_data"] = data;
        }

        if (anchor is not null)
        {
            body["anchor_column"] = anchor;
        }

        return (await client.SendJsonAsync(HttpMethod.Post, v2 ? b.V2("columns/", gateway: true) : b.V1("columns/"), body)).AsObject();
    }

    public static async Task<JsonObject> UpdateColumnAsync(this HttpClient client, RowBase b, JsonObject body, string table = "Table1", HttpStatusCode expected = HttpStatusCode.OK)
    {
        body["table_name"] = table;
        return (await client.SendJsonAsync(HttpMethod.Put, b.V1("columns/"), body, expected)).AsObject();
    }

    public static async Task<List<JsonObject>> ColumnsAsync(this HttpClient client, RowBase b, string table = "Table1") =>
        (await client.GetJsonAsync(b.V1($"columns/?table_name={Uri.EscapeDataString(table)}"))).Objects("columns");

    public static async Task<JsonObject> ColumnAsync(this HttpClient client, RowBase b, string name, string table = "Table1") =>
        (await client.ColumnsAsync(b, table)).Single(c => c.Str("name") == name);

    public static async Task AddTableAsync(this HttpClient client, RowBase b, string name) =>
        await client.SendJsonAsync(HttpMethod.Post, b.V1("tables/"), new JsonObject { ["table_name"] = name, ["lang"] = "en" });

    /// <summary>The error body of a refused call, with its status checked.</summary>
    public static async Task<JsonNode> RefusedAsync(this HttpClient client, HttpMethod method, string uri, JsonNode body, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var (actual, text) = await client.SendRawAsync(method, uri, Json(body));
        Assert.True(actual == status, $"{method} {uri}: expected {(int)status}, got {(int)actual}: {text}");
        return JsonNode.Parse(text)!;
    }
}
