using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using SeaTable.Grains.Common;
using SeaTable.Grains.Hosting;
using SeaTable.Grains.Settings;

namespace SeaTable.Silo.Hosting;

/// <summary>Wires storage, Orleans and the first-start bootstrap onto the web application builder.</summary>
public static class SiloSetup
{
    // Orleans' ADO.NET invariants: "System.Data.SQLite" is the name under which it loads Microsoft.Data.Sqlite.
    private const string SqliteInvariant = "System.Data.SQLite";
    private const string NpgsqlInvariant = "Npgsql";
    private const int DefaultMaxPoolSize = 20;

    public static WebApplicationBuilder AddSeaTableSilo(this WebApplicationBuilder builder)
    {
        // Read and checked now, before the data folder or the database is touched.
        var options = builder.Configuration.ReadSettings<SiloOptions>(SiloOptions.Section);
        builder.Services.AddSettings<SiloOptions>(builder.Configuration, SiloOptions.Section);
        Directory.CreateDirectory(options.DataDirFullPath);

        var (invariant, database) = options.Storage.IsPostgreSql
            ? UsePostgreSql(builder, options)
            : UseSqlite(options);
        builder.Services.AddSingleton(database);
        builder.Services.AddSeaTableGrainServices(builder.Configuration, database);

        // In a cluster every silo must read the keys the others wrote: DataDir is then a shared folder.
        builder.Services.AddDataProtection()
            .SetApplicationName("SeaTableOrleans")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirFullPath, "keys")));

        builder.UseOrleans(silo =>
        {
            var orleans = options.Orleans;
            if (options.Storage.IsPostgreSql)
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = orleans.ClusterId;
                    o.ServiceId = orleans.ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Parse(orleans.AdvertisedAddress), orleans.SiloPort, orleans.GatewayPort,
                    listenOnAnyHostAddress: orleans.ListenOnAnyAddress);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = invariant;
                    o.DataSource = database;
                });
                silo.Configure<ClusterMembershipOptions>(o => o.IAmAliveTablePublishTimeout = orleans.IAmAliveInterval);
            }
            else
            {
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, null, orleans.ServiceId, orleans.ClusterId);
            }

            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = orleans.DirectoryCacheSize);

            // The default directory is eventually consistent: after a kill -9 a grain registered in the dead
            // silo's partition may be activated a second time elsewhere while the first activation lives on,
            // answering reads from memory that misses writes acknowledged by the second (seen: an acknowledged
            // row absent from a listing after the kill). The strongly consistent directory (range locks, the
            // one Orleans' own test clusters run) never lets two activations coexist.
#pragma warning disable ORLEANSEXP003 // Marked experimental by Orleans; the alternative is stale reads after a failure.
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

            if (!string.IsNullOrWhiteSpace(options.Testing.HoldAfter))
            {
                var held = options.Testing.HoldAfter;
                silo.Services.AddSingleton<IIncomingGrainCallFilter>(new StepHoldFilter(held, options.DataDirFullPath));
            }

            // Every provider and the catalog share the silo's one data source: one bounded connection pool.
            silo.AddAdoNetGrainStorage(StorageNames.Main, o =>
            {
                o.Invariant = invariant;
                o.DataSource = database;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.DataSource = database;
            });
        });

        // A generated JWT secret lives beside the keys, so every silo of a cluster signs with the same one.
        builder.Services.PostConfigure<SeaTable.Api.Infrastructure.BaseTokens.BaseTokenOptions>(o =>
            o.SecretFile ??= Path.Combine(options.DataDirFullPath, "jwt-secret"));

        // After the silo's hosted service, so grains are reachable when it runs.
        builder.Services.AddHostedService<AdminBootstrapper>();
        return builder;
    }

    /// <summary>
    /// The shutdown delay (<see cref="ShutdownDelay"/>): its default depends on the storage, a cluster's silos
    /// having a load balancer in front of them.
    /// </summary>
    public static WebApplicationBuilder AddShutdownDelay(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<ShutdownOptions>(builder.Configuration, ShutdownOptions.Section)
            .PostConfigure<IOptions<SiloOptions>>((shutdown, silo) =>
                shutdown.Delay ??= silo.Value.Storage.IsPostgreSql ? ShutdownOptions.ClusterDelay : TimeSpan.Zero);
        builder.Services.AddHostedService<ShutdownDelay>();
        return builder;
    }

    private static (string Invariant, DbDataSource Database) UseSqlite(SiloOptions options)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.SqliteDatabasePath,
            Pooling = true,
            // Seconds a statement waits for a lock held by another connection before failing.
            DefaultTimeout = 30,
        }.ToString();
        SqliteSchema.Apply(connectionString);
        return (SqliteInvariant, SqliteFactory.Instance.CreateDataSource(connectionString));
    }

    private static (string Invariant, DbDataSource Database) UsePostgreSql(
        WebApplicationBuilder builder, SiloOptions options)
    {
        var connectionString = builder.Configuration.GetConnectionString("SeaTable");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SiloOptions),
                [$"Setting {SettingNames.Describe("ConnectionStrings:SeaTable")} must be set when SeaTable__Storage__Provider is PostgreSQL."]);
        }

        // Every silo holds at most this many connections unless the connection string says otherwise: size
        // PostgreSQL's max_connections for all silos together (3 silos x 20 fits the default of 100).
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        connectionString = settings.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        if (options.Storage.ApplySchema)
        {
            PostgresSchema.ApplyAsync(dataSource).GetAwaiter().GetResult();
        }

        PostgresSchema.EnsureAppliedAsync(dataSource).GetAwaiter().GetResult();
        return (NpgsqlInvariant, dataSource);
    }
}
