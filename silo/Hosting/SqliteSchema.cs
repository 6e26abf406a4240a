using Microsoft.Data.Sqlite;

namespace SeaTable.Silo.Hosting;

/// <summary>Applies the embedded deploy/sql/sqlite scripts, in file-name order; every script is idempotent.</summary>
public static class SqliteSchema
{
    public static void Apply(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        // WAL is stored in the file: readers no longer block the writer, and writes are several times faster.
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        foreach (var (_, text) in SqlScripts.For("sqlite"))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
