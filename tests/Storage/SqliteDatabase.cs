using System.Data.Common;
using Microsoft.Data.Sqlite;
using SeaTable.Silo.Hosting;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Storage;

/// <summary>
/// A temporary SQLite database with the silo's schema applied exactly as at start-up (the embedded
/// deploy/sql/sqlite scripts), and the queries Orleans' ADO.NET providers read from OrleansQuery.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _folder = TestFolders.NewTempFolder("sql");

    public SqliteDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "seatable.db"),
            Pooling = false,
        }.ToString();
        SqliteSchema.Apply(ConnectionString);
    }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The text Orleans runs for a query key.</summary>
    public string Query(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
        command.Parameters.AddWithValue("@key", key);
        return command.ExecuteScalar() as string ?? throw new Xunit.Sdk.XunitException($"No query {key} in OrleansQuery.");
    }

    /// <summary>Runs a stored query with the given parameters (null binds SQL NULL) and returns every row.</summary>
    public List<object?[]> Run(string key, IReadOnlyDictionary<string, object?> parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Query(key);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<object?[]>();
        using DbDataReader reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (reader.NextResult());

        return rows;
    }

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => TestFolders.TryDelete(_folder);
}
