using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.Hosting;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster of one silo running the real grains on in-memory grain storage and
/// reminders, with the catalog and the content store on a temporary SQLite file built from the catalog and
/// content scripts of deploy/sql/sqlite.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    private readonly string _folder = TestFolders.NewTempFolder("grains");
    private InProcessTestCluster? _cluster;
    private DbDataSource? _catalogSource;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Failures to inject into the silo's catalog writes.</summary>
    public CatalogFaults CatalogFaults { get; } = new();

    /// <summary>The catalog the silo's grains write, read through the silo's own service.</summary>
    public ICatalog Catalog => Cluster.Silos[0].ServiceProvider.GetRequiredService<ICatalog>();

    public async Task InitializeAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "catalog.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = TestFolders.ReadRepositoryFile("deploy", "sql", "sqlite", "04-catalog.sql")
                + TestFolders.ReadRepositoryFile("deploy", "sql", "sqlite", "05-catalog-name-search.sql")
                + TestFolders.ReadRepositoryFile("deploy", "sql", "sqlite", "06-content.sql");
            await command.ExecuteNonQueryAsync();
        }

        var catalogSource = SqliteFactory.Instance.CreateDataSource(connectionString);
        _catalogSource = catalogSource;

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Main);
            silo.UseInMemoryReminderService();
        });
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSeaTableGrainServices(host.Configuration, catalogSource);
            host.Services.AddSingleton<ICatalogWriter>(new FaultInjectingCatalog(new SqlCatalog(catalogSource), CatalogFaults));
            host.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_catalogSource is not null)
        {
            await _catalogSource.DisposeAsync();
        }

        TestFolders.TryDelete(_folder);
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>
{
    public const string Name = "grains";
}
