using System.Diagnostics;
using System.Globalization;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// The real silo as its own OS process on loopback ports: for clients that cannot reach an in-memory
/// TestServer (Node.js) and for tests that kill a silo (kill -9) or restart a cluster.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;

    private SiloProcess(Process process, string name, int httpPort, int siloPort, int gatewayPort)
    {
        _process = process;
        Name = name;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public ProcessOutput Output { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <summary>The OS process id (for /proc/&lt;pid&gt;/status and the like).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the built silo with the given settings (environment variables, "__" between sections).</summary>
    /// <param name="openFileLimit">Runs the silo under <c>prlimit --nofile=N</c> (its RLIMIT_NOFILE).</param>
    public static SiloProcess Start(
        string name, IReadOnlyDictionary<string, string> settings, int? httpPort = null, int? siloPort = null, int? gatewayPort = null, int? openFileLimit = null)
    {
        var http = httpPort ?? FreePorts.Next();
        var silo = siloPort ?? FreePorts.Next();
        var gateway = gatewayPort ?? FreePorts.Next();
        var siloDll = ExternalTools.SiloDll();
        var start = new ProcessStartInfo(openFileLimit is null ? ExternalTools.DotnetHost() : "prlimit")
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (openFileLimit is { } limit)
        {
            // prlimit execs the command: the process (and its id) is the silo's.
            start.ArgumentList.Add($"--nofile={limit.ToString(CultureInfo.InvariantCulture)}");
            start.ArgumentList.Add(ExternalTools.DotnetHost());
        }

        start.ArgumentList.Add(siloDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{http}");
        foreach (var variable in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["SeaTable__Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["SeaTable__Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var result = new SiloProcess(process, name, http, silo, gateway);
        process.OutputDataReceived += (_, e) => result.Output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => result.Output.Add(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: the silo process did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits until GET /readyz answers 200 (silo active, storage answering); fails with the silo's log if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var limit = timeout ?? StartupTimeout;
        var clock = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before answering.\n{Output.Tail(120)}");
            }

            try
            {
                using var response = await http.GetAsync("/readyz");
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

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready at {BaseAddress}readyz within {limit.TotalSeconds:F0} s ({lastProblem}).\n{Output.Tail(120)}");
    }

    /// <summary>Waits for the process to end on its own (a start that must fail) and returns its exit code; kills it after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            throw new TimeoutException($"{Name} was still running after {timeout.TotalSeconds:F0} s.\n{Output.Tail(120)}");
        }

        // The parameterless wait also drains the redirected output, so Output is complete.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown code runs, exactly like a crashed machine.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM and a graceful shutdown (the silo leaves the cluster); kill -9 if it takes too long.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        await SendTerminateAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
        }
    }

    /// <summary>SIGTERM only: the silo begins its graceful stop, and the test watches it.</summary>
    public async Task SendTerminateAsync()
    {
        using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await signal.WaitForExitAsync();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            KillHard();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
