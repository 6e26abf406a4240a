using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Sockets;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// A flood against a real silo whose open-file limit is lowered with prlimit (issue 16): the socket cap derived
/// from it is below what the process can hold, so sockets past it are refused with 503 while the process
/// answers and the sockets already open receive their base's events; before, the process died near the limit.
/// </summary>
public sealed partial class OpenFileLimitFloodTests
{
    private const int OpenFileLimit = 1600;
    private const string AdminEmail = "flood@example.com";
    private const string AdminPassword = "flood-silo-password-1";

    [Fact]
    public async Task Sockets_past_the_cap_derived_from_the_open_file_limit_are_refused_and_the_process_lives()
    {
        var dataDir = TestFolders.NewTempFolder("nofile");
        var settings = new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = AdminPassword,
        };
        await using var silo = SiloProcess.Start("nofile", settings, openFileLimit: OpenFileLimit);
        var sockets = new List<SocketIoTestClient>();
        try
        {
            await silo.WaitUntilReadyAsync();
            var caps = CapsLine().Match(silo.Output.All());
            Assert.True(caps.Success, silo.Output.Tail(40));
            Assert.Equal(OpenFileLimit.ToString(CultureInfo.InvariantCulture), caps.Groups["files"].Value);
            var maxSockets = int.Parse(caps.Groups["sockets"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(maxSockets, 50, OpenFileLimit - 100);

            var (uuid, jwt, rows) = await BaseAsync(silo);
            var refused = 0;
            for (var i = 0; i < maxSockets + 30; i++)
            {
                try
                {
                    var socket = await SocketIoTestClient.ConnectAsync(silo.BaseAddress, uuid);
                    sockets.Add(socket);
                    await socket.ConnectNamespaceAsync();
                    Assert.True((await socket.JoinRoomAsync(uuid, jwt))["success"]!.GetValue<bool>());
                }
                catch (System.Net.WebSockets.WebSocketException e) when (e.Message.Contains("503", StringComparison.Ordinal))
                {
                    refused++;
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"socket {i} (cap {maxSockets}, {sockets.Count} open, {refused} refused) failed with {Directory.GetFiles($"/proc/{silo.ProcessId}/fd").Length} descriptors open in the silo: {e.Message}\n{silo.Output.Tail(30)}");
                }
            }

            Assert.Equal(maxSockets, sockets.Count);
            Assert.Equal(30, refused);
            Assert.False(silo.HasExited);
            using var http = ClusterHttp.Client(silo);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api2/ping/")).StatusCode);
            using var appended = await rows.PostAsJsonAsync($"/dtable-server/api/v1/dtables/{uuid}/rows/", new { table_name = "Table1", row = new { Name = "flood" } });
            Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
            foreach (var socket in sockets)
            {
                await socket.NextAsync(UpdateEvents.IsUpdate, TimeSpan.FromSeconds(30));
            }

            var metrics = await http.GetStringAsync("/metrics");
            Assert.Contains("seatable_connections_refused", metrics, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }

            await silo.StopAsync();
            TestFolders.TryDelete(dataDir);
        }
    }

    [GeneratedRegex(@"Connection caps: (?<http>\d+) HTTP connections, (?<sockets>\d+) sockets \(open-file limit (?<files>\d+)\)")]
    private static partial Regex CapsLine();

    private static async Task<(string Uuid, string Jwt, HttpClient Rows)> BaseAsync(SiloProcess silo)
    {
        var token = await ClusterHttp.LoginAsync(silo, AdminEmail, AdminPassword);
        using var admin = ClusterHttp.Client(silo, token);
        var table = (await (await admin.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", "flood")])))
            .ReadJsonAsync(HttpStatusCode.Created))["table"]!;
        var workspaceId = table["workspace_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        var created = await (await admin.PostAsJsonAsync($"/api/v2.1/workspace/{workspaceId}/dtable/flood/api-tokens/", new { app_name = "flood", permission = "rw" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        using var anonymous = ClusterHttp.Client(silo);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/dtable/app-access-token/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", created["api_token"]!.GetValue<string>());
        var jwt = (await (await anonymous.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>();
        return (table["uuid"]!.GetValue<string>(), jwt, ClusterHttp.Client(silo, jwt));
    }
}
