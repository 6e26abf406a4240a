using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Views;

/// <summary>The views and filtered-rows calls as SeaTable's Python client makes them.</summary>
public static class ViewCalls
{
    public static string ViewsUrl(this RowBase b, string table = "Table1") => b.V1($"views/?table_name={Uri.EscapeDataString(table)}");

    public static string ViewUrl(this RowBase b, string view, string table = "Table1") =>
        b.V1($"views/{Uri.EscapeDataString(view)}/?table_name={Uri.EscapeDataString(table)}");

    public static async Task<List<string>> ViewNamesAsync(this HttpClient client, RowBase b, string table = "Table1") =>
        [.. (await client.GetJsonAsync(b.ViewsUrl(table))).Objects("views").Select(v => v.Str("name"))];

    public static async Task<JsonObject> AddViewAsync(this HttpClient client, RowBase b, string name, string table = "Table1") =>
        (await client.SendJsonAsync(HttpMethod.Post, b.ViewsUrl(table), new JsonObject { ["name"] = name })).AsObject();

    public static async Task<JsonObject> UpdateViewAsync(this HttpClient client, RowBase b, string view, JsonObject updates, string table = "Table1") =>
        (await client.SendJsonAsync(HttpMethod.Put, b.ViewUrl(view, table), updates)).AsObject();

    /// <summary>filter_rows: a GET with a JSON body, as requests.get(url, json=..., params=...) sends it.</summary>
    public static Task<(HttpStatusCode Status, string Body)> FilterRawAsync(this HttpClient client, RowBase b, JsonNode body, string table = "Table1", string? view = null, bool gateway = false)
    {
        var query = $"filtered-rows/?table_name={Uri.EscapeDataString(table)}" + (view is null ? "" : $"&view_name={Uri.EscapeDataString(view)}");
        return client.SendRawAsync(HttpMethod.Get, gateway ? b.V2(query, gateway: true) : b.V1(query), Json(body));
    }

    /// <summary>The rows' values of one column for filters joined by the conjunction.</summary>
    public static async Task<List<string>> FilterAsync(this HttpClient client, RowBase b, JsonArray filters, string conjunction = "And", string table = "Table1", string? view = null, string column = "Title")
    {
        var (status, body) = await client.FilterRawAsync(b, new JsonObject { ["filters"] = filters, ["filter_conjunction"] = conjunction }, table, view);
        Assert.True(status == HttpStatusCode.OK, $"filtered-rows: {(int)status} {body}");
        return [.. JsonNode.Parse(body).Objects("rows").Select(r => r[column]?.ToString() ?? "")];
    }

    public static JsonObject Filter(string column, string predicate, JsonNode? term = null, string? modifier = null)
    {
        var filter = new JsonObject { ["column_name"] = column, ["filter_predicate"] = predicate };
        if (term is not null)
        {
            filter["filter_term"] = term;
        }

        if (modifier is not null)
        {
            filter["filter_term_modifier"] = modifier;
        }

        return filter;
    }
}
