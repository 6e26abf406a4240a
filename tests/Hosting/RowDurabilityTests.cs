using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// Every acknowledged row write (through the row API and SQL) is durable: the silo process is killed (kill -9) right after its last 200,
/// restarted on the same storage, and every appended, updated and deleted row is as acknowledged. Snapshots
/// are taken every few writes here, so the restart loads a snapshot and replays the log after it.
/// </summary>
public sealed class RowDurabilityTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@durable.test";
    private const string AdminPassword = "Durable-Admin-Passw0rd";

    [SkippableTheory]
    [InlineData("SQLite")]
    [InlineData("PostgreSQL")]
    public async Task Acknowledged_row_writes_survive_a_kill_9_right_after_the_answer(string storage)
    {
        TestDatabase? database = null;
        if (storage == "PostgreSQL")
        {
            await TestPostgres.RequireAsync();
            database = await TestPostgres.CreateDatabaseAsync();
        }

        var dataDir = TestFolders.NewTempFolder("durable");
        var settings = new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = AdminPassword,
            ["SeaTable__Content__SnapshotEveryOperations"] = "5",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (database is not null)
        {
            settings["SeaTable__Storage__Provider"] = "PostgreSQL";
            settings["ConnectionStrings__SeaTable"] = database.ConnectionString;
            settings["SeaTable__Orleans__ClusterId"] = database.Name;
        }

        SiloProcess? silo = null;
        try
        {
            silo = SiloProcess.Start("durable-1", settings);
            await silo.WaitUntilReadyAsync();
            var (apiToken, uuid) = await CreateBaseAsync(silo);
            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var app = await BaseClientAsync(silo, apiToken))
            {
                foreach (var id in (await ListAsync(app, uuid)).Keys)
                {
                    expected[id] = "";
                }

                for (var i = 0; i < 12; i++)
                {
                    var row = await SendAsync(app, HttpMethod.Post, $"/dtable-server/api/v1/dtables/{uuid}/rows/",
                        new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = $"single {i}" } });
                    expected[row["_id"]!.GetValue<string>()] = $"single {i}";
                }

                var batch = new JsonArray([.. Enumerable.Range(0, 300).Select(i => (JsonNode)new JsonObject { ["Name"] = $"batch {i}" })]);
                var appended = await SendAsync(app, HttpMethod.Post, $"/api-gateway/api/v2/dtables/{uuid}/rows/", new JsonObject { ["table_name"] = "Table1", ["rows"] = batch });
                foreach (var (id, i) in appended["row_ids"]!.AsArray().Select((r, i) => (r!["_id"]!.GetValue<string>(), i)))
                {
                    expected[id] = $"batch {i}";
                }

                var ids = expected.Keys.ToList();
                await SendAsync(app, HttpMethod.Delete, $"/dtable-server/api/v1/dtables/{uuid}/batch-delete-rows/",
                    new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(ids[0], ids[5], ids[100]) });
                expected.Remove(ids[0]);
                expected.Remove(ids[5]);
                expected.Remove(ids[100]);

                // SQL writes are logged writes too: an UPDATE of many rows and a DELETE through dtable-db.
                await SendAsync(app, HttpMethod.Post, $"/dtable-db/api/v1/query/{uuid}/",
                    new JsonObject { ["sql"] = "UPDATE Table1 SET Name = 'sql' WHERE Name LIKE 'batch 1%'" });
                foreach (var id in expected.Where(p => p.Value.StartsWith("batch 1", StringComparison.Ordinal)).Select(p => p.Key).ToList())
                {
                    expected[id] = "sql";
                }

                await SendAsync(app, HttpMethod.Post, $"/api-gateway/api/v2/dtables/{uuid}/sql/",
                    new JsonObject { ["sql"] = "DELETE FROM Table1 WHERE Name = 'single 9' OR Name = 'single 10'" });
                foreach (var id in expected.Where(p => p.Value is "single 9" or "single 10").Select(p => p.Key).ToList())
                {
                    expected.Remove(id);
                }

                // The last write: an update, answered, then the process dies at once.
                await SendAsync(app, HttpMethod.Put, $"/dtable-server/api/v1/dtables/{uuid}/rows/",
                    new JsonObject { ["table_name"] = "Table1", ["row_id"] = ids[7], ["row"] = new JsonObject { ["Name"] = "last write" } });
                silo.KillHard();
                expected[ids[7]] = "last write";
            }

            // Same ports: the new silo supersedes the dead one's membership entry at once (same endpoint, newer generation).
            var (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
            await silo.DisposeAsync();
            silo = SiloProcess.Start("durable-2", settings, siloPort: siloPort, gatewayPort: gatewayPort);
            await silo.WaitUntilReadyAsync();
            using (var app = await BaseClientAsync(silo, apiToken))
            {
                var actual = await ListAsync(app, uuid);
                output.WriteLine($"{storage}: {expected.Count} rows acknowledged, {actual.Count} after kill -9 and restart");
                Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
            }
        }
        catch
        {
            output.WriteLine(silo?.Output.Tail(80) ?? "");
            throw;
        }
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }

            if (database is not null)
            {
                await database.DisposeAsync();
            }

            TestFolders.TryDelete(dataDir);
        }
    }

    private static async Task<(string ApiToken, string Uuid)> CreateBaseAsync(SiloProcess silo)
    {
        var token = await ClusterHttp.LoginAsync(silo, AdminEmail, AdminPassword);
        using var admin = ClusterHttp.Client(silo, token);
        var table = (await (await admin.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", "durable")])))
            .ReadJsonAsync(HttpStatusCode.Created))["table"]!;
        var workspaceId = table["workspace_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        var created = await (await admin.PostAsJsonAsync($"/api/v2.1/workspace/{workspaceId}/dtable/durable/api-tokens/", new { app_name = "durable", permission = "rw" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        return (created["api_token"]!.GetValue<string>(), table["uuid"]!.GetValue<string>());
    }

    private static async Task<HttpClient> BaseClientAsync(SiloProcess silo, string apiToken)
    {
        using var anonymous = ClusterHttp.Client(silo);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/dtable/app-access-token/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", apiToken);
        var answer = await (await anonymous.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);
        return ClusterHttp.Client(silo, answer["access_token"]!.GetValue<string>());
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        return await (await client.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Every row of Table1, id to Name ("" when empty), page by page.</summary>
    private static async Task<Dictionary<string, string>> ListAsync(HttpClient client, string uuid)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var start = 0; ; start += 1000)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/dtable-server/api/v1/dtables/{uuid}/rows/?table_name=Table1&start={start}&limit=1000"))!["rows"]!.AsArray();
            foreach (var row in page)
            {
                rows[row!["_id"]!.GetValue<string>()] = row["Name"]?.GetValue<string>() ?? "";
            }

            if (page.Count < 1000)
            {
                return rows;
            }
        }
    }
}
