using System.Data.Common;
using Microsoft.Data.Sqlite;

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

    public async Task AppendAsync(Guid baseUuid, long version, byte[] operation, KeyedAnswer? answer = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (answer is null)
        {
            await using var command = Command(connection, null, "INSERT INTO content_ops (base_uuid, version, op) VALUES (@uuid, @version, @op)", baseUuid);
            Add(command, "version", version);
            Add(command, "op", operation);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(connection, transaction, "INSERT INTO content_ops (base_uuid, version, op) VALUES (@uuid, @version, @op)", baseUuid))
        {
            Add(command, "version", version);
            Add(command, "op", operation);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Keys past their 24 h go with the next keyed write of the base; a key reused after it starts afresh.
        await using (var prune = Command(connection, transaction,
            "DELETE FROM content_idempotency WHERE base_uuid = @uuid AND (created_at < @cutoff OR idem_key = @key)", baseUuid))
        {
            Add(prune, "cutoff", (answer.CreatedAt - KeyedAnswer.Window).ToUnixTimeMilliseconds());
            Add(prune, "key", answer.Key);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO content_idempotency (base_uuid, idem_key, fingerprint, answer, created_at) VALUES (@uuid, @key, @fingerprint, @answer, @created_at)",
            baseUuid))
        {
            Add(insert, "key", answer.Key);
            Add(insert, "fingerprint", answer.Fingerprint);
            Add(insert, "answer", answer.Answer);
            Add(insert, "created_at", answer.CreatedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<KeyedAnswer?> FindAnswerAsync(Guid baseUuid, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT fingerprint, answer, created_at FROM content_idempotency WHERE base_uuid = @uuid AND idem_key = @key AND created_at >= @not_before",
            baseUuid);
        Add(command, "key", key);
        Add(command, "not_before", notBefore.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KeyedAnswer(key, reader.GetString(0), (byte[])reader.GetValue(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    public async Task SaveSnapshotAsync(Guid baseUuid, long version, Stream content, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sqlite = connection as SqliteConnection;
        await using (var upsert = Command(connection, transaction,
            $"""
            INSERT INTO content_snapshots (base_uuid, version, content, saved_at) VALUES (@uuid, @version, {(sqlite is null ? "@content" : "zeroblob(@length)")}, @saved_at)
            ON CONFLICT (base_uuid) DO UPDATE SET version = excluded.version, content = excluded.content, saved_at = excluded.saved_at
            WHERE content_snapshots.version <= excluded.version
            """, baseUuid))
        {
            Add(upsert, "version", version);
            Add(upsert, "saved_at", clock.GetUtcNow().ToUnixTimeMilliseconds());
            if (sqlite is null)
            {
                // Npgsql sends a stream parameter in pieces as it writes the statement.
                content.Position = 0;
                var parameter = Add(upsert, "content", content);
                parameter.Size = checked((int)content.Length);
            }
            else
            {
                Add(upsert, "length", content.Length);
            }

            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (sqlite is not null)
        {
            await WriteBlobAsync(sqlite, transaction, baseUuid, version, content, cancellationToken);
        }

        await using (var prune = Command(connection, transaction, "DELETE FROM content_ops WHERE base_uuid = @uuid AND version <= @version", baseUuid))
        {
            Add(prune, "version", version);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite copies a bound blob whole, twice (the binding and the record); the row holds a zero blob of the
    /// right size instead, filled here through SQLite's incremental blob I/O, a page at a time.
    /// </summary>
    private static async Task WriteBlobAsync(SqliteConnection connection, DbTransaction transaction, Guid baseUuid, long version, Stream content,
        CancellationToken cancellationToken)
    {
        long rowId;
        await using (var find = Command(connection, transaction, "SELECT rowid FROM content_snapshots WHERE base_uuid = @uuid AND version = @version", baseUuid))
        {
            Add(find, "version", version);
            if (await find.ExecuteScalarAsync(cancellationToken) is not long found)
            {
                // A newer snapshot won the upsert: this one is not needed.
                return;
            }

            rowId = found;
        }

        content.Position = 0;
        await using var blob = new SqliteBlob(connection, "content_snapshots", "content", rowId);
        await content.CopyToAsync(blob, 64 * 1024, cancellationToken);
    }

    public async Task DeleteAsync(Guid baseUuid, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in new[]
        {
            "DELETE FROM content_ops WHERE base_uuid = @uuid", "DELETE FROM content_snapshots WHERE base_uuid = @uuid",
            "DELETE FROM content_idempotency WHERE base_uuid = @uuid",
        })
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

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
