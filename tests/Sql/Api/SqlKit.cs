using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Links;
using SeaTable.Tests.Rows;

namespace SeaTable.Tests.Sql.Api;

/// <summary>The routes of the SQL calls and a linked base with its link columns' keys.</summary>
public static class SqlCalls
{
    public static string Query(string uuid, bool gateway = false, bool slash = true) =>
        (gateway ? $"/api-gateway/api/v2/dtables/{uuid}/sql" : $"/dtable-db/api/v1/query/{uuid}") + (slash ? "/" : "");

    public static string LinkedRecords(string uuid, bool gateway = false, bool slash = true) =>
        (gateway ? $"/api-gateway/api/v2/dtables/{uuid}/query-links" : $"/dtable-db/api/v1/linked-records/{uuid}") + (slash ? "/" : "");

    /// <summary>Status and parsed body of a POST with a raw JSON text (so bad bodies can be sent as they are).</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(this HttpClient client, string uri, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var (status, body) = await client.SendRawAsync(HttpMethod.Post, uri, content);
        return (status, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(this HttpClient client, string uri, JsonNode body) =>
        client.PostAsync(uri, body.ToJsonString());

    /// <summary>The key of a table's column, by name, from the base's metadata.</summary>
    public static async Task<string> ColumnKeyAsync(this HttpClient client, RowBase b, string table, string column) =>
        (await client.GetJsonAsync(b.V1("metadata/")))["metadata"].Objects("tables").Single(t => t.Str("name") == table)
            .Objects("columns").Single(c => c.Str("name") == column).Str("key");

    /// <summary>SQL's error body, exactly.</summary>
    public static JsonObject Error(string message) => new() { ["success"] = false, ["error_message"] = message };

    public static void AssertBody(JsonNode expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}, got {actual?.ToJsonString()}");
}
