using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
    private readonly Action<IServiceCollection>? _services;
    private IHost? _host;

    /// <param name="dataDir">The data folder; a new temporary one when null.</param>
    /// <param name="settings">Extra configuration keys ("SeaTable:Trash:RetentionDays"...); they win over the defaults.</param>
    /// <param name="services">Test-only services added to the host's (a grain call filter that injects faults...).</param>
    public SeaTableAppFactory(string? dataDir = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
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
            // No load balancer in front of an in-memory server: its stop need not wait (ShutdownDelayTests cover it).
            ["SeaTable:Shutdown:Delay"] = "00:00:00",
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

    protected override IHost CreateHost(IHostBuilder builder)
    {
        _host = base.CreateHost(builder);
        return _host;
    }

    public override async ValueTask DisposeAsync()
    {
        await StopAsProductionDoesAsync();
        await base.DisposeAsync();
        if (!KeepDataDir)
        {
            TestFolders.TryDelete(DataDir);
        }
    }

    /// <summary>
    /// Stops the host the way SIGTERM does: through the application lifetime, which Program's <c>app.Run()</c>
    /// answers with the one stop of the host. Disposing the factory alone would stop it a second time at once,
    /// concurrently with that one (the host's own stop signals ApplicationStopping, and Program's run answers it):
    /// two passes over the hosted services, in which one pass's silo left the cluster while the other's final
    /// usage report was still being written.
    /// </summary>
    private async Task StopAsProductionDoesAsync()
    {
        if (_host is null)
        {
            return;
        }

        var lifetime = _host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStopped.Register(() => stopped.TrySetResult());
        lifetime.StopApplication();
        try
        {
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // base.DisposeAsync stops what is left.
        }
    }
}
