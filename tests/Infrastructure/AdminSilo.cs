using System.Security.Cryptography;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// A real silo process on a fresh data folder with a generated admin, for the tests that drive it with SeaTable's
/// own clients (npm, Python), which cannot reach the in-memory test server. Disposing it stops the process and
/// deletes the folder.
/// </summary>
public sealed class AdminSilo : IAsyncDisposable
{
    private readonly string _dataDir;

    private AdminSilo(SiloProcess process, string dataDir, string adminEmail, string adminPassword)
    {
        Process = process;
        _dataDir = dataDir;
        AdminEmail = adminEmail;
        AdminPassword = adminPassword;
    }

    public SiloProcess Process { get; }

    public string AdminEmail { get; }

    public string AdminPassword { get; }

    /// <summary>The server's address without a trailing slash, as the clients take it.</summary>
    public string Url => Process.BaseAddress.ToString().TrimEnd('/');

    /// <summary>SERVER_URL, USERNAME and PASSWORD, as the client scripts read them.</summary>
    public Dictionary<string, string> ScriptEnvironment() => new()
    {
        ["SERVER_URL"] = Url,
        ["USERNAME"] = AdminEmail,
        ["PASSWORD"] = AdminPassword,
    };

    /// <summary>Starts the silo (with <paramref name="settings"/> on top of the data folder and admin) and waits until it is ready.</summary>
    public static async Task<AdminSilo> StartAsync(string name, string adminEmail, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dataDir = TestFolders.NewTempFolder(name);
        var password = "Adm-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var environment = new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = adminEmail,
            ["SeaTable__Admin__Password"] = password,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var silo = new AdminSilo(SiloProcess.Start(name, environment), dataDir, adminEmail, password);
        try
        {
            await silo.Process.WaitUntilReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        TestFolders.TryDelete(_dataDir);
    }
}
