using Npgsql;

namespace SeaTable.Silo.Hosting;

/// <summary>The PostgreSQL schema: applied by a deploy step, or here at start when asked to.</summary>
public static class PostgresSchema
{
    // Any constant works; it only has to be the same for every silo of the deployment.
    private const long SchemaLockKey = 0x5EA7AB1E;

    // Clustering (10), persistence (3) and reminders (7) query keys.
    private const int RequiredQueryCount = 20;

    /// <summary>Applies deploy/sql/postgresql in order, one silo at a time (an advisory lock serializes them).</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            foreach (var (_, text) in SqlScripts.For("postgresql"))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(text, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Fails the start with a clear message when the schema was never applied.</summary>
    public static async Task EnsureAppliedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var tables = dataSource.CreateCommand(
            "SELECT to_regclass('orleansquery') IS NOT NULL AND to_regclass('catalog_dtables') IS NOT NULL");
        var applied = await tables.ExecuteScalarAsync(cancellationToken) is true;
        if (applied)
        {
            await using var queries = dataSource.CreateCommand("SELECT COUNT(*) FROM orleansquery");
            applied = Convert.ToInt64(await queries.ExecuteScalarAsync(cancellationToken)) >= RequiredQueryCount;
        }

        if (!applied)
        {
            throw new InvalidOperationException(
                "The PostgreSQL database has no SeaTable schema. Apply deploy/sql/postgresql/*.sql in order " +
                "(psql -v ON_ERROR_STOP=1 -f ...), or start one silo with SeaTable__Storage__ApplySchema=true.");
        }
    }
}
