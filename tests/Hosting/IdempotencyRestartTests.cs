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
/// Issue 16: an Idempotency-Key outlives the process. Keyed row writes of every kind are answered, the silo is
/// killed (kill -9) and restarted on the same storage (with snapshots every few writes, so the restart loads a
/// snapshot), and the same requests again answer the first answers and write nothing.
/// </summary>
public sealed class IdempotencyRestartTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@idempotent.test";
    private const string AdminPassword = "Idempotent-Admin-Passw0rd";

    [SkippableTheory]
    [InlineData("SQLite")]
    [InlineData("PostgreSQL")]
    public async Task Keyed_row_writes_answer_the_same_after_a_kill_9_and_a_restart(string storage)
    {
        TestDatabase? database = null;
        if (storage == "PostgreSQL")
        {
            await TestPostgres.RequireAsync();
            database = await TestPostgres.CreateDatabaseAsync();
        }

        var dataDir = TestFolders.NewTempFolder("idempotent");
        var settings = new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = AdminPassword,
            ["SeaTable__Content__SnapshotEveryOperations"] = "2",
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
            silo = SiloProcess.Start("idempotent-1", settings);
            await silo.WaitUntilReadyAsync();
            var (apiToken, uuid) = await CreateBaseAsync(silo);
            var v1 = $"/dtable-server/api/v1/dtables/{uuid}/";
            var gateway = $"/api-gateway/api/v2/dtables/{uuid}/";
            List<(string Key, HttpMethod Method, string Path, JsonObject Body)> writes;
            var answers = new List<(HttpStatusCode, string)>();
            Dictionary<string, string> before;
            using (var app = await BaseClientAsync(silo, apiToken))
            {
                var first = await SendAsync(app, HttpMethod.Post, v1 + "rows/", Table(new JsonObject { ["row"] = new JsonObject { ["Name"] = "a" } }), "k-append");
                answers.Add(first);
                var rowId = JsonNode.Parse(first.Body)!["_id"]!.GetValue<string>();
                writes =
                [
                    ("k-append", HttpMethod.Post, v1 + "rows/", Table(new JsonObject { ["row"] = new JsonObject { ["Name"] = "a" } })),
                    ("k-gateway-append", HttpMethod.Post, gateway + "rows/",
                        Table(new JsonObject { ["rows"] = new JsonArray(new JsonObject { ["Name"] = "b" }, new JsonObject { ["Name"] = "c" }) })),
                    ("k-update", HttpMethod.Put, v1 + "rows/", Table(new JsonObject { ["row_id"] = rowId, ["row"] = new JsonObject { ["Name"] = "a2" } })),
                    ("k-delete", HttpMethod.Delete, v1 + "rows/", Table(new JsonObject { ["row_id"] = rowId })),
                ];
                foreach (var (key, method, path, body) in writes.Skip(1))
                {
                    answers.Add(await SendAsync(app, method, path, body, key));
                }

                before = await ListAsync(app, uuid);
                silo.KillHard();
            }

            var (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
            await silo.DisposeAsync();
            silo = SiloProcess.Start("idempotent-2", settings, siloPort: siloPort, gatewayPort: gatewayPort);
            await silo.WaitUntilReadyAsync();
            using (var app = await BaseClientAsync(silo, apiToken))
            {
                foreach (var ((key, method, path, body), answer) in writes.Zip(answers))
                {
                    Assert.Equal(HttpStatusCode.OK, answer.Item1);
                    Assert.Equal(answer, await SendAsync(app, method, path, body, key));
                }

                output.WriteLine($"{storage}: {writes.Count} keyed writes answered the same after kill -9 and restart");
                Assert.Equal(before.OrderBy(p => p.Key, StringComparer.Ordinal), (await ListAsync(app, uuid)).OrderBy(p => p.Key, StringComparer.Ordinal));
                var reused = await SendAsync(app, HttpMethod.Post, v1 + "rows/", Table(new JsonObject { ["row"] = new JsonObject { ["Name"] = "other" } }), "k-append");
                Assert.Equal((HttpStatusCode)422, reused.Status);
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

    private static JsonObject Table(JsonObject body)
    {
        body["table_name"] = "Table1";
        return body;
    }

    private static async Task<(string ApiToken, string Uuid)> CreateBaseAsync(SiloProcess silo)
    {
        var token = await ClusterHttp.LoginAsync(silo, AdminEmail, AdminPassword);
        using var admin = ClusterHttp.Client(silo, token);
        var table = (await (await admin.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", "idempotent")])))
            .ReadJsonAsync(HttpStatusCode.Created))["table"]!;
        var workspaceId = table["workspace_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        var created = await (await admin.PostAsJsonAsync($"/api/v2.1/workspace/{workspaceId}/dtable/idempotent/api-tokens/", new { app_name = "idem", permission = "rw" }))
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

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body, string key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Dictionary<string, string>> ListAsync(HttpClient client, string uuid) =>
        (await client.GetFromJsonAsync<JsonObject>($"/dtable-server/api/v1/dtables/{uuid}/rows/?table_name=Table1&limit=1000"))!["rows"]!.AsArray()
            .ToDictionary(r => r!["_id"]!.GetValue<string>(), r => r!["Name"]?.GetValue<string>() ?? "");
}
