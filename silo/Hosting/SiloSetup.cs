using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Orleans.Configuration;
using SeaTable.Grains.Common;
using SeaTable.Grains.Hosting;

namespace SeaTable.Silo.Hosting;

/// <summary>Wires storage, Orleans and the first-start bootstrap onto the web application builder.</summary>
public static class SiloSetup
{
    // Orleans' ADO.NET invariant under which it loads Microsoft.Data.Sqlite's factory.
    private const string SqliteInvariant = "System.Data.SQLite";

    public static WebApplicationBuilder AddSeaTableSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("SeaTable").Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection("SeaTable"));

        Directory.CreateDirectory(options.DataDirFullPath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.SqliteDatabasePath,
            Pooling = true,
            // Seconds a statement waits for a lock held by another connection before failing.
            DefaultTimeout = 30,
        }.ToString();
        SqliteSchema.Apply(connectionString);

        DbDataSource database = SqliteFactory.Instance.CreateDataSource(connectionString);
        builder.Services.AddSingleton(database);
        builder.Services.AddSeaTableGrainServices(builder.Configuration, database);
        builder.Services.AddDataProtection()
            .SetApplicationName("SeaTableOrleans")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirFullPath, "keys")));

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.Orleans.SiloPort, options.Orleans.GatewayPort, null,
                options.Orleans.ServiceId, options.Orleans.ClusterId);
            silo.AddAdoNetGrainStorage(StorageNames.Main, o =>
            {
                o.Invariant = SqliteInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = SqliteInvariant;
                o.ConnectionString = connectionString;
            });
        });

        // After the silo's hosted service, so grains are reachable when it runs.
        builder.Services.AddHostedService<AdminBootstrapper>();
        return builder;
    }
}
