using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// The real server (silo + API, SQLite storage) in memory, on its own data folder and its own Orleans ports,
/// so factories can run side by side. Pass a folder to reuse one across factories (restart tests) and set
/// <see cref="KeepDataDir"/> on every factory but the last; otherwise the folder is deleted on dispose.
/// </summary>
public sealed class SeaTableAppFactory : WebApplicationFactory<Program>
{
    public const string DefaultAdminEmail = "admin@seatable.test";
    public const string DefaultAdminPassword = "Admin-Test-Passw0rd";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;

    /// <param name="dataDir">The data folder; a new temporary one when null.</param>
    /// <param name="settings">Extra configuration keys ("SeaTable:Trash:RetentionDays"...); they win over the defaults.</param>
    /// <param name="services">Test-only services added after the server's own (a fault-injecting grain call filter).</param>
    public SeaTableAppFactory(string? dataDir = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        _services = services;
        DataDir = dataDir ?? TestFolders.NewTempFolder("server");
        Directory.CreateDirectory(DataDir);
        SiloPort = FreePorts.Next();
        GatewayPort = FreePorts.Next();

        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["SeaTable:DataDir"] = DataDir,
            ["SeaTable:Orleans:SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SeaTable:Orleans:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SeaTable:Admin:Email"] = DefaultAdminEmail,
            ["SeaTable:Admin:Password"] = DefaultAdminPassword,
            // Quiet test output: failures still show warnings and errors.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        _settings = all;
        AdminEmail = all["SeaTable:Admin:Email"] ?? DefaultAdminEmail;
        AdminPassword = all["SeaTable:Admin:Password"] ?? DefaultAdminPassword;
    }

    public string DataDir { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string AdminEmail { get; }

    public string AdminPassword { get; }

    /// <summary>Leave the data folder on disk when the factory is disposed (for a later factory to reuse).</summary>
    public bool KeepDataDir { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // With the minimal hosting model, WebApplicationFactory hands the UseSetting values to Program's entry
        // point as command-line arguments ("--key=value"; seen in the configuration providers: they sit in the
        // last, highest-precedence CommandLineConfigurationProvider). So they are in builder.Configuration
        // from WebApplication.CreateBuilder(args) on, when SiloSetup reads the "SeaTable" section at builder
        // time, and they beat appsettings.json and SeaTable__* environment variables of the machine running
        // the tests. ConfigureAppConfiguration would not do: its sources join only when the host is built,
        // after SiloSetup has read its options. SettingsTests pins this (database in our folder, silo on our ports).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is { } services)
        {
            builder.ConfigureServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!KeepDataDir)
        {
            TestFolders.TryDelete(DataDir);
        }
    }
}
