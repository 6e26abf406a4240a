using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// Columns in a cluster of silo processes on PostgreSQL: a column added through one silo is what a row write
/// through another silo is checked against (the base's content has one activation, wherever it is called from).
/// </summary>
public sealed class ColumnClusterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_column_added_through_one_silo_is_seen_by_a_row_write_through_another()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database);
        await cluster.StartAsync(2);
        try
        {
            var (first, second) = (cluster.Silos[0], cluster.Silos[1]);
            var adminToken = await ClusterHttp.LoginAsync(first, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            using var admin = ClusterHttp.Client(first, adminToken);
            var created = await admin.CreateUserAsync("columns@cluster.test", "Columns-Passw0rd");
            var token = await ClusterHttp.LoginAsync(first, "columns@cluster.test", "Columns-Passw0rd");
            using var owner = ClusterHttp.Client(first, token);
            var uuid = (await owner.CreateBaseAsync("cluster-columns")).Str("uuid");
            var apiToken = (await owner.CreateApiTokenAsync(created["workspace_id"]!.GetValue<long>(), "cluster-columns", "cluster-app")).Str("api_token");

            // Each silo hands out its own base token; the column goes in through the first silo.
            using var exchange1 = ClusterHttp.Client(first);
            using var exchange2 = ClusterHttp.Client(second);
            using var one = ClusterHttp.Client(first, (await exchange1.ExchangeAsync(apiToken)).Str("access_token"));
            using var two = ClusterHttp.Client(second, (await exchange2.ExchangeAsync(apiToken)).Str("access_token"));
            var column = await SendAsync(one, HttpMethod.Post, $"/dtable-server/api/v1/dtables/{uuid}/columns/", new JsonObject
            {
                ["table_name"] = "Table1", ["column_name"] = "Stars", ["column_type"] = "rate", ["column_data"] = new JsonObject { ["rate_max_number"] = 3 },
            }, HttpStatusCode.OK);
            Assert.Equal("rate", column.Str("type"));

            // Through the second silo: a value for the new column is stored, one beyond its maximum refused.
            var row = await SendAsync(two, HttpMethod.Post, $"/api-gateway/api/v2/dtables/{uuid}/rows/", new JsonObject
            {
                ["table_name"] = "Table1", ["rows"] = new JsonArray(new JsonObject { ["Name"] = "rated", ["Stars"] = 3 }),
            }, HttpStatusCode.OK);
            Assert.Equal(1, row.Long("inserted_row_count"));
            var refused = await SendAsync(two, HttpMethod.Post, $"/dtable-server/api/v1/dtables/{uuid}/rows/", new JsonObject
            {
                ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "too many", ["Stars"] = 4 },
            }, HttpStatusCode.BadRequest);
            Assert.Equal("value_invalid", refused.Str("error_type"));

            var rows = (await SendAsync(two, HttpMethod.Get, $"/dtable-server/api/v1/dtables/{uuid}/rows/?table_name=Table1", null, HttpStatusCode.OK)).Objects("rows");
            Assert.Equal(3, Assert.Single(rows, r => r["Name"]?.ToString() == "rated")["Stars"]!.GetValue<double>());
            Assert.DoesNotContain(rows, r => r["Name"]?.ToString() == "too many");
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string uri, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return await response.ReadJsonAsync(expected);
    }
}
