using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Sockets.SocketCalls;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// SQL writes in a cluster of silo processes on PostgreSQL: an UPDATE and a DELETE through one silo are logged before
/// they are answered, so another silo reads them after the first is killed (kill -9), and the whole cluster reads
/// them after a restart, through SQL and through the row API alike.
/// </summary>
public sealed class SqlClusterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Sql_update_and_delete_through_one_silo_survive_its_kill_and_a_restart()
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
            var created = await admin.CreateUserAsync("sql@cluster.test", "Sql-Cluster-Passw0rd");
            var token = await ClusterHttp.LoginAsync(first, "sql@cluster.test", "Sql-Cluster-Passw0rd");
            using var owner = ClusterHttp.Client(first, token);
            var uuid = (await owner.CreateBaseAsync("cluster-sql")).Str("uuid");
            var apiToken = (await owner.CreateApiTokenAsync(created["workspace_id"]!.GetValue<long>(), "cluster-sql", "sql-app")).Str("api_token");

            using var exchange1 = ClusterHttp.Client(first);
            using var one = ClusterHttp.Client(first, (await exchange1.ExchangeAsync(apiToken)).Str("access_token"));
            await SendAsync(one, HttpMethod.Post, $"/dtable-server/api/v1/dtables/{uuid}/columns/", new JsonObject
            {
                ["table_name"] = "Table1", ["column_name"] = "Age", ["column_type"] = "number",
            }, HttpStatusCode.OK);
            var appended = await SendAsync(one, HttpMethod.Post, $"/api-gateway/api/v2/dtables/{uuid}/rows/", new JsonObject
            {
                ["table_name"] = "Table1",
                ["rows"] = new JsonArray(
                    new JsonObject { ["Name"] = "ann", ["Age"] = 30 },
                    new JsonObject { ["Name"] = "ben", ["Age"] = 40 },
                    new JsonObject { ["Name"] = "cat", ["Age"] = 50 }),
            }, HttpStatusCode.OK);
            Assert.Equal(3, appended.Long("inserted_row_count"));

            // The writes go in through the first silo, one through dtable-db and one through the gateway.
            var update = await SendAsync(one, HttpMethod.Post, $"/dtable-db/api/v1/query/{uuid}/", new JsonObject
            {
                ["sql"] = "UPDATE Table1 SET Age = 41 WHERE Name = 'ben'",
            }, HttpStatusCode.OK);
            Assert.True(update["success"]!.GetValue<bool>(), update.ToJsonString());
            var delete = await SendAsync(one, HttpMethod.Post, $"/api-gateway/api/v2/dtables/{uuid}/sql", new JsonObject
            {
                ["sql"] = "DELETE FROM Table1 WHERE Name = ?", ["parameters"] = new JsonArray("cat"),
            }, HttpStatusCode.OK);
            Assert.True(delete["success"]!.GetValue<bool>(), delete.ToJsonString());

            first.KillHard();
            using var exchange2 = ClusterHttp.Client(second);
            using var two = ClusterHttp.Client(second, (await RetryAsync(() => SendAsync(exchange2, HttpMethod.Get, "/api/v2.1/dtable/app-access-token/", null, HttpStatusCode.OK, apiToken))).Str("access_token"));
            await CheckAsync(two, uuid);

            await cluster.StopAllAsync();
            await cluster.StartAsync(2);
            var restarted = cluster.Silos.Where(s => !s.HasExited).ToList();
            foreach (var silo in restarted)
            {
                using var exchange = ClusterHttp.Client(silo);
                using var client = ClusterHttp.Client(silo, (await exchange.ExchangeAsync(apiToken)).Str("access_token"));
                await CheckAsync(client, uuid);
            }
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(80));
            throw;
        }
    }

    /// <summary>ann unchanged, ben updated, cat gone: through SQL (keys by name) and through the row API.</summary>
    private static async Task CheckAsync(HttpClient client, string uuid)
    {
        var query = await RetryAsync(() => SendAsync(client, HttpMethod.Post, $"/dtable-db/api/v1/query/{uuid}/", new JsonObject
        {
            ["sql"] = "SELECT Name, Age FROM Table1 WHERE Age IS NOT NULL ORDER BY Age", ["convert_keys"] = true,
        }, HttpStatusCode.OK));
        Assert.True(query["success"]!.GetValue<bool>(), query.ToJsonString());
        var results = query["results"]!.AsArray().Select(r => (r!["Name"]!.GetValue<string>(), r["Age"]!.GetValue<double>())).ToList();
        Assert.Equal([("ann", 30d), ("ben", 41d)], results);

        var rows = (await SendAsync(client, HttpMethod.Get, $"/dtable-server/api/v1/dtables/{uuid}/rows/?table_name=Table1", null, HttpStatusCode.OK)).Objects("rows");
        Assert.Equal(41, Assert.Single(rows, r => r["Name"]?.ToString() == "ben")["Age"]!.GetValue<double>());
        Assert.DoesNotContain(rows, r => r["Name"]?.ToString() == "cat");
        Assert.Equal(5, rows.Count); // the three starter rows, ann and ben
    }

    /// <summary>Until membership declares the killed silo dead, calls to grains it held answer 503: retried for a minute.</summary>
    private static async Task<JsonNode> RetryAsync(Func<Task<JsonNode>> call)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string uri, JsonNode? body, HttpStatusCode expected, string? token = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return await response.ReadJsonAsync(expected);
    }
}
