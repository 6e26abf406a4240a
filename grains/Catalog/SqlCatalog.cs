using System.Data.Common;

namespace SeaTable.Grains.Catalog;

/// <summary>
/// The catalog on any ADO.NET source. The SQL is written once for SQLite and PostgreSQL alike: times are
/// Unix milliseconds, flags are integers and uuids are text, so both dialects read the same statements.
/// </summary>
public sealed class SqlCatalog(DbDataSource dataSource) : ICatalogWriter
{
    /// <summary>Shortest name filter the SQLite trigram index can answer; shorter ones scan (and match many rows).</summary>
    private const int TrigramLength = 3;

    /// <summary>Up to this many names containing the text, the index drives the listing (and sorts them).</summary>
    private const int SelectiveNameMatches = 5000;

    // The name filter is the one place the dialects differ: SQLite narrows it with its FTS5 trigram index,
    // PostgreSQL's planner uses its trigram index for the LIKE itself.
    private readonly bool _sqlite = dataSource is not Npgsql.NpgsqlDataSource;

    private const string DTableColumns =
        "id, uuid, workspace_id, owner, org_id, name, creator, modifier, created_at, updated_at, deleted, delete_time, rows_count, version";

    private const string PageColumns =
        "p.id, p.uuid, p.workspace_id, p.owner, p.org_id, p.name, p.creator, p.modifier, p.created_at, p.updated_at, p.deleted, p.delete_time, p.rows_count, p.version";

    public async Task UpsertDTableAsync(CatalogDTable row, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO catalog_dtables ({DTableColumns})
            VALUES (@id, @uuid, @workspace_id, @owner, @org_id, @name, @creator, @modifier, @created_at, @updated_at, @deleted, @delete_time, @rows_count, @version)
            ON CONFLICT (uuid) DO UPDATE SET
                id = excluded.id, workspace_id = excluded.workspace_id, owner = excluded.owner, org_id = excluded.org_id,
                name = excluded.name, creator = excluded.creator, modifier = excluded.modifier,
                created_at = excluded.created_at, updated_at = excluded.updated_at, deleted = excluded.deleted,
                delete_time = excluded.delete_time, rows_count = excluded.rows_count, version = excluded.version
            WHERE catalog_dtables.version < excluded.version
            """);
        Add(command, "id", row.Id);
        Add(command, "uuid", row.Uuid.ToString());
        Add(command, "workspace_id", row.WorkspaceId);
        Add(command, "owner", row.OwnerId);
        Add(command, "org_id", row.OrgId);
        Add(command, "name", row.Name);
        Add(command, "creator", row.CreatorId);
        Add(command, "modifier", row.ModifierId);
        Add(command, "created_at", row.CreatedAt.ToUnixTimeMilliseconds());
        Add(command, "updated_at", row.UpdatedAt.ToUnixTimeMilliseconds());
        Add(command, "deleted", row.Deleted ? 1 : 0);
        Add(command, "delete_time", row.DeleteTime?.ToUnixTimeMilliseconds());
        Add(command, "rows_count", row.RowsCount);
        Add(command, "version", row.Version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteDTableAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM catalog_dtables WHERE uuid = @uuid");
        Add(command, "uuid", uuid.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CatalogDTable?> GetDTableAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {DTableColumns} FROM catalog_dtables WHERE uuid = @uuid");
        Add(command, "uuid", uuid.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDTable(reader) : null;
    }

    public async Task<CatalogPage<CatalogDTable>> ListDTablesAsync(DTableFilter filter, int offset, int limit, CancellationToken cancellationToken = default,
        DTableCursor? after = null, bool countTotal = true)
    {
        var byName = await UsesNameIndexAsync(filter, cancellationToken);
        var where = Where(filter, byName);
        var keyset = after is null ? ""
            : filter.Deleted ? " AND (delete_time < @after_time OR (delete_time = @after_time AND id < @after_id))"
            : " AND id > @after_id";
        // With few name matches the index drives the query and its matches are sorted; "+" keeps SQLite from
        // walking the whole id index instead and testing every row against them.
        var order = filter.Deleted
            ? byName ? "+delete_time DESC, +id DESC" : "delete_time DESC, id DESC"
            : byName ? "+id" : "id";
        var items = new List<CatalogDTable>();
        // A deep page by offset walks only the index in the inner query (ids), then reads the page's rows:
        // skipping 80,000 full rows instead costs several times more.
        var page = after is null && offset > 0
            ? $"SELECT {DTableColumns} FROM catalog_dtables WHERE id IN (SELECT id FROM catalog_dtables WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset)"
            : $"SELECT {DTableColumns} FROM catalog_dtables WHERE {where}{keyset} ORDER BY {order} LIMIT @limit OFFSET @offset";
        // The page's display names come in the same query: a second query per page (an IN list of up to 300
        // ids, prepared anew each time) was a seventh of a listing's CPU.
        var sql = $"""
            SELECT {PageColumns}, uo.name, uc.name, um.name, o.name
            FROM ({page}) p
            LEFT JOIN catalog_users uo ON uo.id = p.owner
            LEFT JOIN catalog_users uc ON uc.id = p.creator
            LEFT JOIN catalog_users um ON um.id = p.modifier
            LEFT JOIN catalog_organizations o ON o.id = p.org_id
            ORDER BY {(filter.Deleted ? "p.delete_time DESC, p.id DESC" : "p.id")}
            """;
        await using (var command = dataSource.CreateCommand(sql))
        {
            AddFilter(command, filter, byName);
            if (after is not null)
            {
                Add(command, "after_id", after.Id);
                Add(command, "after_time", after.DeleteTime ?? 0);
            }

            // One row more than asked tells whether another page follows.
            Add(command, "limit", limit + 1);
            Add(command, "offset", after is null ? offset : 0);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadDTable(reader) with
                {
                    Names = new CatalogNames(NullableString(reader, 14), NullableString(reader, 15), NullableString(reader, 16), NullableString(reader, 17)),
                });
            }
        }

        DTableCursor? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            var last = items[^1];
            next = new DTableCursor(last.Id, filter.Deleted ? last.DeleteTime?.ToUnixTimeMilliseconds() : null);
        }

        if (!countTotal)
        {
            return new CatalogPage<CatalogDTable>(items, -1, next);
        }

        await using var count = dataSource.CreateCommand($"SELECT COUNT(*) FROM catalog_dtables WHERE {where}");
        AddFilter(count, filter, byName);
        return new CatalogPage<CatalogDTable>(items, Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken)), next);
    }

    public async Task<CatalogDTable?> GetDTableByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {DTableColumns} FROM catalog_dtables WHERE id = @id");
        Add(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDTable(reader) : null;
    }

    private static string Where(DTableFilter filter, bool byName) =>
        (byName ? "+deleted = @deleted" : "deleted = @deleted")
        + (filter.OwnerId is null ? "" : " AND owner = @owner")
        + (filter.OrgId is null ? "" : " AND org_id = @org_id")
        + (filter.NameContains is null ? "" : " AND LOWER(name) LIKE @name ESCAPE '\\'")
        + (byName ? " AND rowid IN (SELECT rowid FROM catalog_dtables_name WHERE catalog_dtables_name MATCH @name_match)" : "")
        + (filter.CreatedFrom is null ? "" : " AND created_at >= @created_from")
        + (filter.CreatedBefore is null ? "" : " AND created_at < @created_before")
        + (filter.DeletedFrom is null ? "" : " AND delete_time >= @deleted_from")
        + (filter.DeletedBefore is null ? "" : " AND delete_time < @deleted_before");

    /// <summary>
    /// Whether SQLite's trigram index should answer the name filter: only for a text it can index (3+
    /// characters) that few names contain. A text many names contain is found faster by walking the bases in
    /// page order and stopping once the page is full.
    /// </summary>
    private async Task<bool> UsesNameIndexAsync(DTableFilter filter, CancellationToken cancellationToken)
    {
        if (!_sqlite || filter.NameContains is not { } name || name.EnumerateRunes().Count() < TrigramLength)
        {
            return false;
        }

        await using var probe = dataSource.CreateCommand(
            $"SELECT COUNT(*) FROM (SELECT 1 FROM catalog_dtables_name WHERE catalog_dtables_name MATCH @name_match LIMIT {SelectiveNameMatches + 1})");
        Add(probe, "name_match", NameMatch(name));
        return Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken)) <= SelectiveNameMatches;
    }

    /// <summary>A quoted FTS5 string: with the trigram tokenizer it matches the text anywhere in the name.</summary>
    private static string NameMatch(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    private static void AddFilter(DbCommand command, DTableFilter filter, bool byName)
    {
        Add(command, "deleted", filter.Deleted ? 1 : 0);
        if (filter.NameContains is not null)
        {
            // A substring match: LIKE's wildcards in the text are escaped, so they match themselves.
            var escaped = filter.NameContains.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            Add(command, "name", "%" + escaped + "%");
        }

        if (byName)
        {
            Add(command, "name_match", NameMatch(filter.NameContains!));
        }

        AddTime(command, "created_from", filter.CreatedFrom);
        AddTime(command, "created_before", filter.CreatedBefore);
        AddTime(command, "deleted_from", filter.DeletedFrom);
        AddTime(command, "deleted_before", filter.DeletedBefore);
        if (filter.OwnerId is not null)
        {
            Add(command, "owner", filter.OwnerId);
        }

        if (filter.OrgId is not null)
        {
            Add(command, "org_id", filter.OrgId.Value);
        }
    }

    public async Task UpsertUserAsync(CatalogUser row, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO catalog_users (id, contact_email, name, is_staff, is_active, org_id, created_at)
            VALUES (@id, @contact_email, @name, @is_staff, @is_active, @org_id, @created_at)
            ON CONFLICT (id) DO UPDATE SET
                contact_email = excluded.contact_email, name = excluded.name, is_staff = excluded.is_staff,
                is_active = excluded.is_active, org_id = excluded.org_id, created_at = excluded.created_at
            """);
        Add(command, "id", row.Id);
        Add(command, "contact_email", row.ContactEmail);
        Add(command, "name", row.Name);
        Add(command, "is_staff", row.IsStaff ? 1 : 0);
        Add(command, "is_active", row.IsActive ? 1 : 0);
        Add(command, "org_id", row.OrgId);
        Add(command, "created_at", row.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UpsertOrganizationAsync(CatalogOrganization row, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO catalog_organizations (id, name, creator, url_prefix, created_at)
            VALUES (@id, @name, @creator, @url_prefix, @created_at)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, creator = excluded.creator, url_prefix = excluded.url_prefix, created_at = excluded.created_at
            """);
        Add(command, "id", row.Id);
        Add(command, "name", row.Name);
        Add(command, "creator", row.CreatorId);
        Add(command, "url_prefix", row.UrlPrefix);
        Add(command, "created_at", row.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CatalogPage<CatalogUser>> ListUsersAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        var items = new List<CatalogUser>();
        await using (var command = dataSource.CreateCommand(
            "SELECT id, contact_email, name, is_staff, is_active, org_id, created_at FROM catalog_users ORDER BY created_at, id LIMIT @limit OFFSET @offset"))
        {
            Add(command, "limit", limit);
            Add(command, "offset", offset);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new CatalogUser(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadBool(reader, 3), ReadBool(reader, 4),
                    Convert.ToInt64(reader.GetValue(5)), ReadTime(reader, 6)));
            }
        }

        return new CatalogPage<CatalogUser>(items, await CountAsync("catalog_users", cancellationToken));
    }

    public async Task<CatalogPage<CatalogOrganization>> ListOrganizationsAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        var items = new List<CatalogOrganization>();
        await using (var command = dataSource.CreateCommand(
            "SELECT id, name, creator, url_prefix, created_at FROM catalog_organizations ORDER BY id LIMIT @limit OFFSET @offset"))
        {
            Add(command, "limit", limit);
            Add(command, "offset", offset);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new CatalogOrganization(
                    Convert.ToInt64(reader.GetValue(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4)));
            }
        }

        return new CatalogPage<CatalogOrganization>(items, await CountAsync("catalog_organizations", cancellationToken));
    }

    private async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT COUNT(*) FROM {table}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static CatalogDTable ReadDTable(DbDataReader reader) => new(
        Convert.ToInt64(reader.GetValue(0)),
        Guid.Parse(reader.GetString(1)),
        Convert.ToInt64(reader.GetValue(2)),
        reader.GetString(3),
        Convert.ToInt64(reader.GetValue(4)),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        ReadTime(reader, 8),
        ReadTime(reader, 9),
        ReadBool(reader, 10),
        reader.IsDBNull(11) ? null : ReadTime(reader, 11),
        Convert.ToInt64(reader.GetValue(12)),
        Convert.ToInt64(reader.GetValue(13)));

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static bool ReadBool(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal)) != 0;

    private static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal)));

    private static void AddTime(DbCommand command, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            Add(command, name, value.ToUnixTimeMilliseconds());
        }
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
