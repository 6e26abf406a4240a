using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SeaTable.Bench;

/// <summary>The built server (Release) as its own process on loopback, on a temporary data folder.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string AdminEmail = "bench@seatable.local";
    public const string AdminPassword = "Bench-Passw0rd";

    private readonly Process _process;
    private readonly string _dataDir;

    private BenchServer(Process process, string dataDir, Uri address)
    {
        _process = process;
        _dataDir = dataDir;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The server process, for its memory figures.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The server's SQLite database (the benchmark seeds catalog rows straight into it).</summary>
    public string DatabasePath => Path.Combine(_dataDir, "seatable.db");

    public static async Task<BenchServer> StartAsync(string configuration)
    {
        var root = FindRepositoryRoot();
        var dll = Path.Combine(root, "silo", "bin", configuration, "net10.0", "SeaTable.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: run with -c {configuration} so the server is built.");
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "seatable-bench-" + Guid.NewGuid().ToString("N"));
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["SeaTable__DataDir"] = dataDir;
        start.Environment["SeaTable__Admin__Email"] = AdminEmail;
        start.Environment["SeaTable__Admin__Password"] = AdminPassword;
        // The load measures the server, not the per-token limit: the limiter still runs on every request,
        // with an allowance no benchmark reaches.
        start.Environment["SeaTable__RateLimits__RequestsPerMinute"] = "1000000000";
        start.Environment["SeaTable__Orleans__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SeaTable__Orleans__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new BenchServer(process, dataDir, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("api2/ping/")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not answer within 90 s.");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SeaTableOrleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("SeaTableOrleans.sln not found above the benchmark.");
    }
}
