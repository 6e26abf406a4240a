using System.Data.Common;

namespace SeaTable.Grains.Content.Storage;

/// <summary>
/// The content store on the silo's ADO.NET source (deploy/sql/*/..-content.sql). The statements are the
/// same for SQLite and PostgreSQL: uuids are text, versions integers, payloads blobs.
/// </summary>
public sealed class SqlContentStore(DbDataSource dataSource, TimeProvider clock) : IContentStore
{
    public async Task<StoredContent> LoadAsync(Guid baseUuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long snapshotVersion = 0;
        byte[]? snapshot = null;
        await using (var command = Command(connection, null, "SELECT version, content FROM content_snapshots WHERE base_uuid = @uuid", baseUuid))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshotVersion = reader.GetInt64(0);
                snapshot = (byte[])reader.GetValue(1);
            }
        }

        var operations = new List<StoredOperation>();
        await using (var command = Command(connection, null,
            "SELECT version, op FROM content_ops WHERE base_uuid = @uuid AND version > @after ORDER BY version", baseUuid))
        {
            Add(command, "after", snapshotVersion);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                operations.Add(new StoredOperation(reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }
        }

        return new StoredContent(snapshotVersion, snapshot, operations);
    }

    public async Task AppendAsync(Guid baseUuid, long version, byte[] operation, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "INSERT INTO content_ops (base_uuid, version, op) VALUES (@uuid, @version, @op)", baseUuid);
        Add(command, "version", version);
        Add(command, "op", operation);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveSnapshotAsync(Guid baseUuid, long version, byte[] content, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = Command(connection, transaction,
            """
            INSERT INTO content_snapshots (base_uuid, version, content, saved_at) VALUES (@uuid, @version, @content, @saved_at)
            ON CONFLICT (base_uuid) DO UPDATE SET version = excluded.version, content = excluded.content, saved_at = excluded.saved_at
            WHERE content_snapshots.version <= excluded.version
            """, baseUuid))
        {
            Add(upsert, "version", version);
            Add(upsert, "content", content);
            Add(upsert, "saved_at", clock.GetUtcNow().ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var prune = Command(connection, transaction, "DELETE FROM content_ops WHERE base_uuid = @uuid AND version <= @version", baseUuid))
        {
            Add(prune, "version", version);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(Guid baseUuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in new[] { "DELETE FROM content_ops WHERE base_uuid = @uuid", "DELETE FROM content_snapshots WHERE base_uuid = @uuid" })
        {
            await using var command = Command(connection, transaction, sql, baseUuid);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, Guid baseUuid)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "uuid", baseUuid.ToString());
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
