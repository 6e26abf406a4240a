using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// SeaTable's Python client against a real server process (python-socketio cannot reach the in-memory test
/// server): Base.auth(with_socket_io=True) opens on Engine.IO polling and upgrades to a WebSocket, shows the
/// app connected in api-tokens-status, receives update-dtable after a row append through the library's own
/// handler signature (data, index), and shows disconnected after leaving; the same on polling only.
/// The script is tests/e2e/python/socket_io_e2e.py. <see cref="PythonClient"/> finds the client or skips with the
/// reason.
/// </summary>
public sealed class PythonSocketIoEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@python-sockets.test";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Base_auth_with_socket_io_receives_update_dtable_on_polling_and_after_the_upgrade()
    {
        var client = await PythonClient.RequireAsync("Python Socket.IO end-to-end test");
        await using var silo = await AdminSilo.StartAsync("python-sockets", AdminEmail, new Dictionary<string, string>
        {
            ["SeaTable__Sockets__PingInterval"] = "00:00:01",
            ["SeaTable__Sockets__PingTimeout"] = "00:00:03",
            ["SeaTable__Sockets__LeaseDuration"] = "00:00:03",
        });
        var server = silo.Process;
        var userToken = await ClusterHttp.LoginAsync(server, AdminEmail, silo.AdminPassword);
        using var owner = ClusterHttp.Client(server, userToken);
        var workspaceId = (await (await owner.GetAsync("/api/v2.1/workspaces/")).ReadJsonAsync(HttpStatusCode.OK))["workspace_list"]!.AsArray()
            .First(w => w!["type"]!.GetValue<string>() == "personal")!["id"]!.GetValue<long>();
        using var created = await owner.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([
            KeyValuePair.Create("workspace_id", workspaceId.ToString(CultureInfo.InvariantCulture)), KeyValuePair.Create("name", "Python")]));
        await created.ReadJsonAsync(HttpStatusCode.Created);

        foreach (var mode in new[] { "default", "polling" })
        {
            var app = "py-" + mode;
            var token = await (await owner.PostAsJsonAsync(SocketCalls.TokensUrl(workspaceId, "Python"), new { app_name = app, permission = "rw" }))
                .ReadJsonAsync(HttpStatusCode.Created);
            var result = await client.RunScriptAsync(
                "socket_io_e2e.py",
                [server.BaseAddress.ToString().TrimEnd('/'), token["api_token"]!.GetValue<string>(), userToken,
                 workspaceId.ToString(CultureInfo.InvariantCulture), "Python", app, mode],
                ScriptTimeout);
            output.WriteLine($"--- {mode} ---\n{result.Output}");
            Assert.True(
                result.ExitCode == 0,
                $"the Python client ({mode}) exited with {(result.TimedOut ? "a time-out" : result.ExitCode.ToString(CultureInfo.InvariantCulture))}:\n"
                + $"{result.Output}\n--- server log ---\n{server.Output.Tail(40)}");
            var summary = JsonNode.Parse(result.Output.Split('\n').Last(l => l.StartsWith('{') && l.Contains("\"transport\"", StringComparison.Ordinal)))!;
            Assert.Equal(mode == "default" ? "websocket" : "polling", summary["transport_at_end"]!.GetValue<string>());
            Assert.Equal("append_rows", summary["op_type"]!.GetValue<string>());
            Assert.True(summary["version"]!.GetValue<long>() > 0);
        }
    }
}
