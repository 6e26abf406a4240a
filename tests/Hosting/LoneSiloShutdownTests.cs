using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Sockets;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// A lone silo's SIGTERM (issue 16): with no other silo to take its grains, the shutdown must not log a warning
/// or failure for each grain it cannot migrate; such lines hid the real errors.
/// </summary>
public sealed class LoneSiloShutdownTests
{
    private const string AdminEmail = "lone@example.com";
    private const string AdminPassword = "lone-silo-password-1";

    [Fact]
    public async Task A_lone_silo_stopped_with_SIGTERM_logs_no_migration_warnings_or_failures()
    {
        var dataDir = TestFolders.NewTempFolder("lone");
        var settings = new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = AdminPassword,
        };
        await using var silo = SiloProcess.Start("lone", settings);
        try
        {
            await silo.WaitUntilReadyAsync();
            var token = await ClusterHttp.LoginAsync(silo, AdminEmail, AdminPassword);
            using var admin = ClusterHttp.Client(silo, token);
            var table = (await (await admin.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", "lone")])))
                .ReadJsonAsync(HttpStatusCode.Created))["table"]!;
            var workspaceId = table["workspace_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
            var uuid = table["uuid"]!.GetValue<string>();
            var created = await (await admin.PostAsJsonAsync($"/api/v2.1/workspace/{workspaceId}/dtable/lone/api-tokens/", new { app_name = "lone", permission = "rw" }))
                .ReadJsonAsync(HttpStatusCode.Created);
            using var anonymous = ClusterHttp.Client(silo);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/dtable/app-access-token/");
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", created["api_token"]!.GetValue<string>());
            var jwt = (await (await anonymous.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>();
            await using var socket = await SocketIoTestClient.ConnectAsync(silo.BaseAddress, uuid);
            await socket.ConnectNamespaceAsync();
            Assert.True((await socket.JoinRoomAsync(uuid, jwt))["success"]!.GetValue<bool>());
            using var rows = ClusterHttp.Client(silo, jwt);
            using var appended = await rows.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{uuid}/rows/", new { table_name = "Table1", row = new { Name = "x" } });
            Assert.Equal(HttpStatusCode.OK, appended.StatusCode);

            // More sockets of other apps of the same base, so that closing them at shutdown calls grains that are going away.
            var more = new List<SocketIoTestClient>();
            for (var i = 0; i < 20; i++)
            {
                var extra = await SocketIoTestClient.ConnectAsync(silo.BaseAddress, uuid);
                await extra.ConnectNamespaceAsync();
                Assert.True((await extra.JoinRoomAsync(uuid, jwt))["success"]!.GetValue<bool>());
                more.Add(extra);
            }

            await silo.StopAsync(TimeSpan.FromSeconds(60));
            foreach (var extra in more)
            {
                await extra.DisposeAsync();
            }

            Assert.True(silo.HasExited);
            var noisy = silo.Output.All().Split('\n')
                .Where(l => l.Contains("No active nodes are compatible", StringComparison.Ordinal)
                            || l.Contains("migration destination", StringComparison.Ordinal)
                            || l.Contains("Failed to migrate", StringComparison.Ordinal)
                            || l.Contains("SiloUnavailableException", StringComparison.Ordinal)
                            || l.StartsWith("fail: Orleans.Messaging", StringComparison.Ordinal)
                            || l.StartsWith("warn: Orleans.Messaging", StringComparison.Ordinal)
                            || l.StartsWith("warn: Polly", StringComparison.Ordinal))
                .ToList();
            // (The watchdog's warning about a starved thread on a loaded machine is not of this kind.)
            Assert.True(noisy.Count == 0, $"{noisy.Count} placement or migration lines at shutdown:\n{string.Join("\n", noisy.Take(20))}\n---\n{silo.Output.Tail(80)}");
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }
}
