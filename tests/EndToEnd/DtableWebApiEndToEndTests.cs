using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;

namespace SeaTable.Tests.EndToEnd;

/// <summary>
/// Starts the real silo on loopback ports and drives it with SeaTable's own web client (npm dtable-web-api)
/// through tests/e2e/web-api-e2e.mjs: login, create a base, list workspaces, delete the base.
/// The Node client cannot reach an in-memory TestServer, hence a real process and a real port.
/// </summary>
public sealed class DtableWebApiEndToEndTests(ITestOutputHelper output)
{
    private const string AdminEmail = "admin@e2e.local";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task WebClient_logs_in_creates_lists_and_deletes_a_base()
    {
        var node = FindOnPath("node")
            ?? throw new InvalidOperationException(
                "Node.js ('node') is not on PATH. This end-to-end test runs SeaTable's npm client dtable-web-api; install Node.js 20 or later.");

        var repoRoot = FindRepoRoot();
        var e2eDir = Path.Combine(repoRoot, "tests", "e2e");
        Assert.True(File.Exists(Path.Combine(e2eDir, "web-api-e2e.mjs")), $"missing {Path.Combine(e2eDir, "web-api-e2e.mjs")}");
        var siloDll = FindSiloDll(repoRoot);

        await EnsureNodeModulesAsync(e2eDir);

        var dataDir = Path.Combine(Path.GetTempPath(), "seatable-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var ports = FreeLoopbackPorts(3);
        var serverUrl = $"http://127.0.0.1:{ports[0]}";
        var adminPassword = "E2e-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

        var serverStart = new ProcessStartInfo(DotnetHost())
        {
            // The silo's appsettings.json (logging levels) sits beside its dll and is read from the content root.
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        serverStart.ArgumentList.Add(siloDll);
        serverStart.ArgumentList.Add("--urls");
        serverStart.ArgumentList.Add(serverUrl);
        serverStart.Environment["SeaTable__DataDir"] = dataDir;
        serverStart.Environment["SeaTable__Admin__Email"] = AdminEmail;
        serverStart.Environment["SeaTable__Admin__Password"] = adminPassword;
        serverStart.Environment["SeaTable__Orleans__SiloPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        serverStart.Environment["SeaTable__Orleans__GatewayPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        serverStart.Environment.Remove("ASPNETCORE_URLS");
        serverStart.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        serverStart.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

        var serverLog = new OutputBuffer();
        using var server = new Process { StartInfo = serverStart };
        server.OutputDataReceived += (_, e) => serverLog.Add(e.Data);
        server.ErrorDataReceived += (_, e) => serverLog.Add(e.Data);
        try
        {
            Assert.True(server.Start(), "the silo process did not start");
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();

            await WaitUntilReadyAsync(server, serverUrl, serverLog);

            var result = await RunAsync(
                node,
                ["web-api-e2e.mjs"],
                e2eDir,
                NodeTimeout,
                new Dictionary<string, string>
                {
                    ["SERVER_URL"] = serverUrl,
                    ["USERNAME"] = AdminEmail,
                    ["PASSWORD"] = adminPassword,
                });
            output.WriteLine(result.Output);

            Assert.True(
                result.ExitCode == 0,
                $"node web-api-e2e.mjs exited with {(result.TimedOut ? "a time-out" : result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}.\n"
                + $"--- client output ---\n{result.Output}\n--- server log (tail) ---\n{serverLog.Tail(80)}");
        }
        finally
        {
            StopProcessTree(server);
            output.WriteLine("--- server log (tail) ---");
            output.WriteLine(serverLog.Tail(40));
            TryDeleteDirectory(dataDir);
        }
    }

    private static async Task WaitUntilReadyAsync(Process server, string serverUrl, OutputBuffer serverLog)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (server.HasExited)
            {
                Assert.Fail($"the silo exited with {server.ExitCode} before answering /api2/ping/.\n--- server log ---\n{serverLog.Tail(120)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(serverUrl + "/api2/ping/"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastProblem = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastProblem = "request timed out";
            }

            await Task.Delay(250);
        }

        Assert.Fail($"the silo did not answer GET {serverUrl}/api2/ping/ within {StartupTimeout.TotalSeconds:F0} s ({lastProblem}).\n--- server log ---\n{serverLog.Tail(120)}");
    }

    private async Task EnsureNodeModulesAsync(string e2eDir)
    {
        if (Directory.Exists(Path.Combine(e2eDir, "node_modules", "dtable-web-api")))
        {
            return;
        }

        var npm = FindOnPath("npm")
            ?? throw new InvalidOperationException($"{Path.Combine(e2eDir, "node_modules")} is missing and 'npm' is not on PATH to install it (run 'npm ci' in {e2eDir}).");
        var result = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], e2eDir, NpmTimeout, new Dictionary<string, string>());
        output.WriteLine(result.Output);
        Assert.True(
            result.ExitCode == 0,
            $"'npm ci' in {e2eDir} failed ({(result.TimedOut ? "timed out" : "exit code " + result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}):\n{result.Output}");
    }

    private static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
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

        var log = new OutputBuffer();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            StopProcessTree(process);
            return new ProcessResult(-1, true, log.All());
        }

        // The parameterless wait drains the redirected streams after exit.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, false, log.All());
    }

    private static void StopProcessTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>Distinct free loopback ports: every listener is held until all are chosen.</summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SeaTableOrleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SeaTableOrleans.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// The silo built beside the tests: silo/bin/&lt;Configuration&gt;/net10.0/SeaTable.Silo.dll, preferring the
    /// configuration this test assembly was built in, else the newest build.
    /// </summary>
    private static string FindSiloDll(string repoRoot)
    {
        var siloBin = Path.Combine(repoRoot, "silo", "bin");
        var ownConfiguration = ConfigurationOf(AppContext.BaseDirectory);
        if (ownConfiguration is not null)
        {
            var own = Path.Combine(siloBin, ownConfiguration, "net10.0", "SeaTable.Silo.dll");
            if (File.Exists(own))
            {
                return own;
            }
        }

        var newest = Directory.Exists(siloBin)
            ? Directory.EnumerateFiles(siloBin, "SeaTable.Silo.dll", SearchOption.AllDirectories)
                .Where(p => File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "SeaTable.Silo.runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            $"SeaTable.Silo.dll not found under {siloBin}; build the solution first (dotnet build {Path.Combine(repoRoot, "SeaTableOrleans.sln")}).");
    }

    /// <summary>The folder after "bin" in a build output path such as tests/bin/Debug/net10.0/.</summary>
    private static string? ConfigurationOf(string outputDirectory)
    {
        var parts = outputDirectory.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : null;
    }

    /// <summary>The dotnet host running these tests if it can be told, else 'dotnet' from PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        return FindOnPath("dotnet") ?? "dotnet";
    }

    private static string? FindOnPath(string command)
    {
        var names = OperatingSystem.IsWindows() ? new[] { command + ".exe", command + ".cmd" } : [command];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private sealed record ProcessResult(int ExitCode, bool TimedOut, string Output);

    /// <summary>Lines from a process's output events, collected across threads.</summary>
    private sealed class OutputBuffer
    {
        private readonly List<string> _lines = [];
        private readonly Lock _gate = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Add(line);
            }
        }

        public string All() => Tail(int.MaxValue);

        public string Tail(int count)
        {
            lock (_gate)
            {
                var sb = new StringBuilder();
                foreach (var line in _lines.Skip(Math.Max(0, _lines.Count - count)))
                {
                    sb.AppendLine(line);
                }

                return sb.ToString();
            }
        }
    }
}
