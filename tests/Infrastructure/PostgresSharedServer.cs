using Npgsql;
using SeaTable.Tests.Cluster;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// The server of the "server-postgresql" collection: the same in-memory host as <see cref="SharedServer"/>,
/// but its storage (grain state, reminders, membership, catalog) is a fresh PostgreSQL database with the
/// schema applied, dropped on dispose. When no PostgreSQL answers, it does not start and records why: the
/// tests then skip (<see cref="ServerFixture.SkipIfUnavailable"/>, the reason in full once per run), except
/// with CI=true, where <see cref="TestPostgres.UnavailableAsync"/> throws and every test of the collection fails.
/// </summary>
public class PostgresSharedServer : ServerFixture
{
    /// <summary>
    /// Below the silo's default of 20: the PostgreSQL server is shared (max_connections 100) with other
    /// users and with the cluster tests' silos, and the tests of one collection run one at a time.
    /// </summary>
    private const int MaxPoolSize = 10;

    private PostgresUnavailable? _unavailable;
    private TestDatabase? _database;
    private SeaTableAppFactory? _factory;

    public override string Storage => "PostgreSQL";

    public override SeaTableAppFactory Factory =>
        _factory ?? throw new InvalidOperationException(UnavailableReason ?? "The PostgreSQL server has not started.");

    /// <summary>The test database, for checks on what the server stored.</summary>
    public TestDatabase Database =>
        _database ?? throw new InvalidOperationException(UnavailableReason ?? "The PostgreSQL server has not started.");

    protected override string SkipReason(string unavailableReason) =>
        _unavailable is null ? unavailableReason : TestPostgres.SkipReason(_unavailable);

    public override async Task InitializeAsync()
    {
        _unavailable = await TestPostgres.UnavailableAsync();
        if (_unavailable is not null)
        {
            UnavailableReason = _unavailable.ToString();
            return;
        }

        _database = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString;
            _factory = new SeaTableAppFactory(settings: new Dictionary<string, string?>
            {
                ["SeaTable:Storage:Provider"] = "PostgreSQL",
                ["ConnectionStrings:SeaTable"] = connectionString,
                ["SeaTable:Orleans:ClusterId"] = _database.Name,
                ["SeaTable:Orleans:AdvertisedAddress"] = "127.0.0.1",
            }, services: TestServices);

            // Starts the host (silo joining its one-silo cluster, admin bootstrap) once, before the first test.
            _ = _factory.Server;
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    protected override async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresSharedServerCollection : ICollectionFixture<PostgresSharedServer>
{
    public const string Name = "server-postgresql";
}
