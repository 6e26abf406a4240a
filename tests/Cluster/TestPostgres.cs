using Npgsql;
using SeaTable.Silo.Hosting;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// The PostgreSQL server the cluster tests use: SEATABLE_TEST_POSTGRES (an Npgsql connection string with the
/// right to create databases), else the local "seatable_ci" role that tests/setup-test-postgres.sh creates
/// (.ci/run runs it too). Each test gets its own database with the schema applied, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "SEATABLE_TEST_POSTGRES";
    public const string SetupScript = "tests/setup-test-postgres.sh";
    public const string SkipPrefix = "PostgreSQL tests skipped: ";
    private const string LocalDefault = "Host=127.0.0.1;Port=5432;Username=seatable_ci;Password=seatable_ci;Database=postgres;Timeout=5";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : LocalDefault;

    private static int _skipsReported;

    /// <summary>
    /// Skips the test when no PostgreSQL answers, except in CI (CI=true), where .ci/run installs and starts
    /// PostgreSQL: there a missing server is a failure, so these tests can never be skipped silently.
    /// </summary>
    public static async Task RequireAsync()
    {
        if (await UnavailableAsync() is { } unavailable)
        {
            Skip.If(true, SkipReason(unavailable));
        }
    }

    /// <summary>Null when the server answers, else why it cannot be used and how to fix that; throws with CI=true.</summary>
    public static async Task<PostgresUnavailable?> UnavailableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var unavailable = new PostgresUnavailable(Advice(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 }), e.Message);
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"PostgreSQL tests cannot be skipped with CI=true: {unavailable}", e);
            }

            return unavailable;
        }
    }

    /// <summary>What is missing and how to set it up, for the two cases: a configured server or none.</summary>
    public static string Advice(bool configured) => configured
        ? $"the server in {EnvironmentVariable} cannot be used; fix the server or the connection string, or unset {EnvironmentVariable} and run {SetupScript} for a local one."
        : $"{EnvironmentVariable} is not set and no local PostgreSQL accepts the seatable_ci role; run {SetupScript} to set one up.";

    /// <summary>
    /// The reason a skipped test shows: "dotnet test" prints it under each skipped test (console verbosity
    /// normal, as .ci/run sets), so a run that skipped the PostgreSQL half never passes for a complete one.
    /// Only the first skip of the run carries the connection error: hundreds of copies would bury it.
    /// </summary>
    public static string SkipReason(PostgresUnavailable unavailable) =>
        Interlocked.Increment(ref _skipsReported) == 1 ? SkipPrefix + unavailable : SkipPrefix + unavailable.Advice;

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

/// <summary>Why PostgreSQL cannot be used: what to do about it, and the error of the connection attempt.</summary>
public sealed record PostgresUnavailable(string Advice, string Error)
{
    public override string ToString() => $"{Advice} (Connection error: {Error})";
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
