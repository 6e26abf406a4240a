using System.Reflection;
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
        Execute(connection, "PRAGMA journal_mode=WAL;");

        var assembly = typeof(SqliteSchema).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("sql/sqlite/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Read(assembly, name);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded schema script {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
