using System.Globalization;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// Several real silo processes on one PostgreSQL database and one shared data folder, as a production
/// cluster runs them: each its own process, HTTP port and silo/gateway ports on 127.0.0.1.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminEmail = "admin@cluster.test";
    public const string AdminPassword = "Cluster-Admin-Passw0rd";

    private readonly TestDatabase _database;
    private readonly IReadOnlyDictionary<string, string> _extraSettings;
    private readonly List<SiloProcess> _silos = [];
    private int _started;

    public ProcessCluster(TestDatabase database, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        _database = database;
        _extraSettings = extraSettings ?? new Dictionary<string, string>();
        DataDir = TestFolders.NewTempFolder("cluster");
    }

    /// <summary>The folder every silo shares (Data Protection keys, later the blob store).</summary>
    public string DataDir { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts silos: the first alone (it creates the key ring and the admin), then the rest together.</summary>
    public async Task StartAsync(int count)
    {
        var first = StartOne();
        await first.WaitUntilReadyAsync();
        var others = Enumerable.Range(1, count - 1).Select(_ => StartOne()).ToList();
        await Task.WhenAll(others.Select(s => s.WaitUntilReadyAsync()));
    }

    /// <summary>One more silo, joined and ready (a restarted member of a rolling restart comes back on new ports).</summary>
    public async Task<SiloProcess> StartOneMoreAsync()
    {
        var silo = StartOne();
        await silo.WaitUntilReadyAsync();
        return silo;
    }

    /// <summary>Stops every running silo gracefully, as an operator restarting the cluster would.</summary>
    public async Task StopAllAsync()
    {
        await Task.WhenAll(_silos.Where(s => !s.HasExited).Select(s => s.StopAsync()));
    }

    public string LogsTail(int lines) =>
        string.Join("\n", _silos.Select(s => $"--- {s.Name} ---\n{s.Output.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        TestFolders.TryDelete(DataDir);
    }

    private SiloProcess StartOne()
    {
        var settings = new Dictionary<string, string>
        {
            ["SeaTable__Storage__Provider"] = "PostgreSQL",
            ["ConnectionStrings__SeaTable"] = _database.ConnectionString,
            ["SeaTable__DataDir"] = DataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = AdminPassword,
            ["SeaTable__Orleans__ClusterId"] = _database.Name,
            ["SeaTable__Orleans__ServiceId"] = "seatable-test",
            ["Logging__LogLevel__Default"] = "Warning",
            // Under the 5 s default: the tests' balancer probes readiness every 250 ms (ClusterClient).
            ["SeaTable__Shutdown__Delay"] = "00:00:02",
        };
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        var silo = SiloProcess.Start("silo" + (_started++).ToString(CultureInfo.InvariantCulture), settings);
        _silos.Add(silo);
        return silo;
    }
}
