using System.Globalization;
using System.Security.Cryptography;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.EndToEnd;

/// <summary>
/// Starts the real silo on a loopback port and runs tests/e2e/python/base_client_e2e.py with SeaTable's own
/// Python client (seatable-api): every method of its Base and Account classes that the server supports,
/// through dtable-server's v1 routes and through the API gateway, and a socket (Engine.IO polling, then
/// WebSocket) that receives an update-dtable event. The client's source comes from
/// SEATABLE_PYTHON_CLIENT or ../shared/clients/seatable-api-python beside the repository; its dependencies
/// are Debian's python3-* packages for /usr/bin/python3, which .ci/run installs.
/// </summary>
public sealed class PythonClientEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@py-e2e.local";
    private const string DebianPython = "/usr/bin/python3";
    private const string Packages = "python3-requests python3-socketio python3-engineio python3-websocket python3-ply python3-dateutil";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Python_client_drives_every_supported_base_and_account_method()
    {
        var client = ClientSource();
        await RequireDependenciesAsync(client);

        var script = Path.Combine(TestFolders.RepositoryRoot, "tests", "e2e", "python", "base_client_e2e.py");
        var dataDir = TestFolders.NewTempFolder("py-e2e");
        var adminPassword = "Py-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        await using var server = SiloProcess.Start("py-e2e", new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = adminPassword,
        });
        try
        {
            await server.WaitUntilReadyAsync();
            var result = await ClientProcess.RunAsync(
                DebianPython,
                ["-u", script],
                Path.GetDirectoryName(script)!,
                ScriptTimeout,
                new Dictionary<string, string>
                {
                    ["PYTHONPATH"] = client,
                    ["PYTHONDONTWRITEBYTECODE"] = "1",
                    ["SERVER_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
                    ["USERNAME"] = AdminEmail,
                    ["PASSWORD"] = adminPassword,
                });
            output.WriteLine(result.Output);
            Assert.True(
                result.ExitCode == 0,
                $"base_client_e2e.py exited with {(result.TimedOut ? "a time-out" : result.ExitCode.ToString(CultureInfo.InvariantCulture))}.\n"
                + $"--- client output ---\n{result.Output}\n--- server log (tail) ---\n{server.Output.Tail(80)}");
        }
        finally
        {
            await server.DisposeAsync();
            TestFolders.TryDelete(dataDir);
        }
    }

    /// <summary>The client's source folder (the one holding seatable_api/), or a skip saying where it was looked for.</summary>
    private static string ClientSource()
    {
        var configured = Environment.GetEnvironmentVariable("SEATABLE_PYTHON_CLIENT");
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : new[]
            {
                Path.GetFullPath(Path.Combine(TestFolders.RepositoryRoot, "..", "shared", "clients", "seatable-api-python")),
                Path.GetFullPath(Path.Combine(TestFolders.RepositoryRoot, "..", "..", "shared", "clients", "seatable-api-python")),
            };
        var found = candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "seatable_api", "main.py")));
        Skip.If(found is null, $"Python client end-to-end test skipped: SeaTable's Python client is not at {string.Join(" or ", candidates)} (set SEATABLE_PYTHON_CLIENT to its source folder).");
        return found!;
    }

    private static async Task RequireDependenciesAsync(string client)
    {
        var reason = File.Exists(DebianPython)
            ? await MissingModulesAsync(client)
            : $"{DebianPython} is missing";
        if (reason is null)
        {
            return;
        }

        var message = $"Python client end-to-end test skipped: {reason} (apt-get install {Packages}).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message + " CI must run it: .ci/run installs them.");
        }

        Skip.If(true, message);
    }

    private static async Task<string?> MissingModulesAsync(string client)
    {
        var probe = await ClientProcess.RunAsync(
            DebianPython,
            ["-c", "import requests, socketio, engineio, websocket, ply, dateutil, seatable_api"],
            client,
            TimeSpan.FromSeconds(30),
            new Dictionary<string, string> { ["PYTHONPATH"] = client });
        return probe.ExitCode == 0 ? null : "the client's modules do not import: " + probe.Output.Trim();
    }
}
