using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
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
/// The script is tests/Sockets/python/socket_io_e2e.py. Skipped when ../shared/clients/seatable-api-python or
/// Debian's python3-socketio / python3-engineio / python3-websocket / python3-requests are absent.
/// </summary>
public sealed class PythonSocketIoEndToEndTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";
    private const string AdminEmail = "admin@python-sockets.test";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// $SEATABLE_PYTHON_CLIENT, else shared/clients/seatable-api-python beside the repository or beside one of
    /// its parents (a git worktree sits deeper than the main checkout).
    /// </summary>
    private static string ClientFolder { get; } = FindClientFolder();

    private static string FindClientFolder()
    {
        if (Environment.GetEnvironmentVariable("SEATABLE_PYTHON_CLIENT") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(TestFolders.RepositoryRoot).Parent; folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "clients", "seatable-api-python");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(Path.Combine(TestFolders.RepositoryRoot, "..", "shared", "clients", "seatable-api-python"));
    }

    [SkippableFact]
    public async Task Base_auth_with_socket_io_receives_update_dtable_on_polling_and_after_the_upgrade()
    {
        await SkipUnlessPythonClientAsync();
        var dataDir = TestFolders.NewTempFolder("python-sockets");
        var password = "Py-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        await using var server = SiloProcess.Start("python-sockets", new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = password,
            ["SeaTable__Sockets__PingInterval"] = "00:00:01",
            ["SeaTable__Sockets__PingTimeout"] = "00:00:03",
            ["SeaTable__Sockets__LeaseDuration"] = "00:00:03",
        });
        try
        {
            await server.WaitUntilReadyAsync();
            var userToken = await ClusterHttp.LoginAsync(server, AdminEmail, password);
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
                var (exitCode, text) = await RunScriptAsync(
                    [server.BaseAddress.ToString().TrimEnd('/'), token["api_token"]!.GetValue<string>(), userToken,
                     workspaceId.ToString(CultureInfo.InvariantCulture), "Python", app, mode]);
                output.WriteLine($"--- {mode} ---\n{text}");
                Assert.True(exitCode == 0, $"the Python client ({mode}) exited with {exitCode}:\n{text}\n--- server log ---\n{server.Output.Tail(40)}");
                var summary = JsonNode.Parse(text.Split('\n').Last(l => l.StartsWith('{') && l.Contains("\"transport\"", StringComparison.Ordinal)))!;
                Assert.Equal(mode == "default" ? "websocket" : "polling", summary["transport_at_end"]!.GetValue<string>());
                Assert.Equal("append_rows", summary["op_type"]!.GetValue<string>());
                Assert.True(summary["version"]!.GetValue<long>() > 0);
            }
        }
        finally
        {
            await server.DisposeAsync();
            TestFolders.TryDelete(dataDir);
        }
    }

    private static async Task SkipUnlessPythonClientAsync()
    {
        Skip.IfNot(Directory.Exists(Path.Combine(ClientFolder, "seatable_api")), $"SeaTable's Python client is not at {ClientFolder}.");
        Skip.IfNot(File.Exists(Python), $"{Python} is absent (Debian's python3 with python3-socketio is needed).");
        var (exitCode, text) = await RunAsync(["-c", "import requests, socketio, engineio, websocket"], TimeSpan.FromSeconds(30));
        Skip.If(exitCode != 0,
            $"{Python} lacks the client's Debian dependencies (apt-get install python3-requests python3-socketio python3-engineio python3-websocket python3-dateutil python3-ply): {text}");
    }

    private static Task<(int ExitCode, string Output)> RunScriptAsync(IReadOnlyList<string> arguments) =>
        RunAsync([Path.Combine(TestFolders.RepositoryRoot, "tests", "Sockets", "python", "socket_io_e2e.py"), .. arguments], ScriptTimeout);

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONPATH"] = ClientFolder;
        start.Environment["PYTHONUNBUFFERED"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds:F0} s\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout) + (await stderr is { Length: > 0 } err ? "\n[stderr]\n" + err : ""));
    }
}
