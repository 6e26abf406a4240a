using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Rows;

/// <summary>A base of a test, an app token of it and that token's base token (JWT).</summary>
public sealed record RowBase(ApiUser Owner, string Name, string Uuid, string AppName, string ApiToken, string Jwt)
{
    public string V1(string path) => $"/dtable-server/api/v1/dtables/{Uuid}/{path}";

    public string V2(string path, bool gateway = false) => $"/{(gateway ? "api-gateway" : "dtable-server")}/api/v2/dtables/{Uuid}/{path}";
}

/// <summary>Calls of the row API (reference 9) for the tests.</summary>
public static class RowCalls
{
    /// <summary>A new base of the owner with an app token ("rw" unless told) exchanged for its JWT.</summary>
    public static async Task<RowBase> NewBaseAsync(this ApiUser owner, string appName = "app1", string permission = "rw", string prefix = "rows")
    {
        using var client = owner.Client();
        var name = NewBaseName(prefix);
        var table = await client.CreateBaseAsync(name);
        var token = await client.CreateApiTokenAsync(owner.WorkspaceId, name, appName, permission);
        var jwt = await owner.Factory.ExchangeJwtAsync(token.Str("api_token"));
        return new RowBase(owner, name, table.Str("uuid"), appName, token.Str("api_token"), jwt);
    }

    /// <summary>E5: the access_token for an API token.</summary>
    public static async Task<string> ExchangeJwtAsync(this SeaTableAppFactory factory, string apiToken)
    {
        using var anonymous = factory.CreateClient();
        return (await anonymous.ExchangeAsync(apiToken)).Str("access_token");
    }

    /// <summary>A client sending "Authorization: Token &lt;jwt&gt;" (none when null).</summary>
    public static HttpClient BaseClient(this SeaTableAppFactory factory, string? jwt)
    {
        var client = factory.CreateClient();
        if (jwt is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", jwt);
        }

        return client;
    }

    public static HttpContent Json(JsonNode body) => new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static Task<JsonNode> SendJsonAsync(this HttpClient client, HttpMethod method, string uri, JsonNode? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.CallAsync(method, uri, body is null ? null : Json(body), expected);

    /// <summary>v1 GET rows of a table: the "rows" array.</summary>
    public static async Task<List<JsonObject>> ListRowsAsync(this HttpClient client, RowBase b, string table = "Table1", string query = "") =>
        (await client.GetJsonAsync(b.V1($"rows/?table_name={Uri.EscapeDataString(table)}{query}"))).Objects("rows");

    /// <summary>v1 append: the new row (keyed by column key).</summary>
    public static async Task<JsonObject> AppendRowAsync(this HttpClient client, RowBase b, JsonObject row, string table = "Table1") =>
        (await client.SendJsonAsync(HttpMethod.Post, b.V1("rows/"), new JsonObject { ["table_name"] = table, ["row"] = row })).AsObject();

    /// <summary>Polls until the call answers the status (revocations take effect within a few seconds).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> EventuallyAsync(Func<Task<(HttpStatusCode Status, string Body)>> call, HttpStatusCode expected, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await call();
            if (result.Status == expected || DateTimeOffset.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(200);
        }
    }
}
