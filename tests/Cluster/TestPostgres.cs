using Npgsql;
using SeaTable.Silo.Hosting;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// The PostgreSQL server the cluster tests use: SEATABLE_TEST_POSTGRES (an Npgsql connection string with the
/// right to create databases), else a local "seatable" role as .ci/run creates it. Each test gets its own
/// database with the schema applied, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "SEATABLE_TEST_POSTGRES";
    private const string LocalDefault = "Host=127.0.0.1;Port=5432;Username=seatable;Password=seatable;Database=postgres;Timeout=5";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : LocalDefault;

    /// <summary>
    /// Skips the test when no PostgreSQL answers, except in CI (CI=true), where .ci/run installs and starts
    /// PostgreSQL: there a missing server is a failure, so these tests can never be skipped silently.
    /// </summary>
    public static async Task RequireAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var message = $"PostgreSQL is not reachable ({e.Message}); set {EnvironmentVariable} or run .ci/run, which installs it.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(message, e);
            }

            Skip.If(true, message);
        }
    }

    /// <summary>A new empty database with the project's PostgreSQL schema applied.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = "seatable_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = new NpgsqlConnection(ServerConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", server);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await PostgresSchema.ApplyAsync(dataSource);
        }

        return new TestDatabase(name, connectionString);
    }
}

/// <summary>A test's own database; dropped (connections forced closed) on dispose.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(TestPostgres.ServerConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
