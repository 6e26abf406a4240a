using System.Diagnostics;
using System.Security.Cryptography;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Account;

/// <summary>
/// SeaTable's Python client (seatable-api, from ../shared/clients) against a real server process, for the calls of
/// this area: Account.get_base (temp-api-token), Account.copy_base, get_related_users, get_user_info and the
/// custom-folder calls (tests/Account/account_e2e.py). Skipped with the reason when the client or Debian's
/// python3-requests / python3-socketio are not there.
/// </summary>
public sealed class PythonClientEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@py-e2e.local";
    private const string Python = "/usr/bin/python3";

    [SkippableFact]
    public async Task The_python_client_gets_copies_and_uses_custom_folders_of_a_base()
    {
        var client = new[]
            {
                Environment.GetEnvironmentVariable("SEATABLE_PYTHON_CLIENT"),
                Path.Combine(TestFolders.RepositoryRoot, "..", "shared", "clients", "seatable-api-python"),
                "/work/shared/clients/seatable-api-python",
            }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(Path.Combine(p, "seatable_api", "main.py")));
        Skip.If(client is null, "SeaTable's Python client is not in ../shared/clients/seatable-api-python (or SEATABLE_PYTHON_CLIENT).");
        Skip.If(!File.Exists(Python), $"{Python} is missing: install Debian's python3 with python3-requests python3-socketio.");
        var probe = await RunAsync(Python, ["-c", "import requests, socketio, dateutil"], client!, new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        Skip.If(probe.ExitCode != 0, "Debian's python3-requests python3-socketio python3-engineio python3-websocket python3-ply python3-dateutil are needed: " + probe.Output);

        var dataDir = TestFolders.NewTempFolder("py-e2e");
        var password = "Py-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        await using var server = SiloProcess.Start("py-e2e", new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = password,
        });
        try
        {
            await server.WaitUntilReadyAsync();
            var script = Path.Combine(TestFolders.RepositoryRoot, "tests", "Account", "account_e2e.py");
            var result = await RunAsync(Python, [script], client!, new Dictionary<string, string>
            {
                ["SERVER_URL"] = server.BaseAddress.ToString().TrimEnd('/'),
                ["USERNAME"] = AdminEmail,
                ["PASSWORD"] = password,
                ["PYTHONPATH"] = client!,
            }, TimeSpan.FromMinutes(2));
            output.WriteLine(result.Output);
            Assert.True(result.ExitCode == 0, $"account_e2e.py exited with {result.ExitCode}:\n{result.Output}\n--- server log (tail) ---\n{server.Output.Tail(60)}");
        }
        finally
        {
            await server.DisposeAsync();
            TestFolders.TryDelete(dataDir);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
