using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    private static readonly byte[] NoParticipants = "[]"u8.ToArray();

    Task<ContentReply> IBaseContentGrain.AppendRows(AppendRowsCommand command) => AppendRowsAsync(command, returnAll: false);

    /// <summary>The append; the reply's JSON is the first new row, or with <paramref name="returnAll"/> an array of all of them.</summary>
    private Task<ContentReply> AppendRowsAsync(AppendRowsCommand command, bool returnAll) => KeyedAsync(() => AppendRowsCoreAsync(command, returnAll));

    private async Task<ContentReply> AppendRowsCoreAsync(AppendRowsCommand command, bool returnAll)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(command.TableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.TableName);
        }

        using var document = ParseArray(command.RowsJson);
        if (document is null || document.RootElement.GetArrayLength() == 0
            || document.RootElement.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Object)
            || (command.AnchorRowId is not null && document.RootElement.GetArrayLength() != 1))
        {
            return ContentReply.Fail(ContentError.ParamsInvalid);
        }

        var count = document.RootElement.GetArrayLength();
        if (content.RowCount + count > Limits.MaxRows)
        {
            return ContentReply.Fail(ContentError.RowsExceeded);
        }

        if (command.AnchorRowId is { } anchor && !table.Rows.Contains(anchor))
        {
            return ContentReply.Fail(ContentError.RowNotFound, anchor);
        }

        var converter = new CellConverter();
        var autoNumbers = AutoNumbering.For(table);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var actor = _pool.Intern(command.Actor);
        var rows = new List<ContentRow>(count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (ConvertRow(table, element, converter, command.ApplyDefault, out var error) is not { } cells)
            {
                return ContentReply.Fail(ContentError.ValueInvalid, error);
            }

            cells.Add(new CellUpdate("_participants", NoParticipants));
            autoNumbers?.Next(cells);
            string id;
            do
            {
                id = RowIds.New();
            }
            while (table.Rows.Contains(id) || !ids.Add(id));

            rows.Add(new ContentRow(id)
            {
                CreatedAt = now, ModifiedAt = now, Creator = actor, LastModifier = actor,
                Cells = RowCells.Build(cells, _buffer),
            });
        }

        var operations = OptionOperations(table, converter);
        operations.AddRange(autoNumbers?.Operations(table) ?? []);
        operations.Add(command.AnchorRowId is { } anchorId
            ? new InsertRowOp(table.Id, anchorId, command.InsertAbove, rows[0])
            : new AppendRowsOp(table.Id, rows));
        var reply = new ContentReply(ContentError.None, Json: Json(w =>
            {
                if (!returnAll)
                {
                    ContentJsonWriter.WriteRowByKey(w, rows[0]);
                    return;
                }

                w.WriteStartArray();
                foreach (var row in rows)
                {
                    ContentJsonWriter.WriteRowByKey(w, row);
                }

                w.WriteEndArray();
            }),
            RowIds: [.. rows.Select(r => r.Id)], Count: rows.Count);
        await CommitAsync(operations, reply);
        return reply;
    }

    Task<ContentReply> IBaseContentGrain.UpdateRows(UpdateRowsCommand command) => KeyedAsync(() => UpdateRowsAsync(command));

    private async Task<ContentReply> UpdateRowsAsync(UpdateRowsCommand command)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(command.TableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.TableName);
        }

        using var document = ParseArray(command.UpdatesJson);
        if (document is null || document.RootElement.GetArrayLength() == 0)
        {
            return ContentReply.Fail(ContentError.ParamsInvalid);
        }

        var converter = new CellConverter();
        var changes = new List<RowChange>();
        foreach (var update in document.RootElement.EnumerateArray())
        {
            if (update.ValueKind != JsonValueKind.Object
                || !update.TryGetProperty("row_id", out var rowId) || rowId.ValueKind != JsonValueKind.String
                || !update.TryGetProperty("row", out var row) || row.ValueKind != JsonValueKind.Object)
            {
                return ContentReply.Fail(ContentError.ParamsInvalid);
            }

            if (table.Rows.Find(rowId.GetString()!) is not { } existing)
            {
                return ContentReply.Fail(ContentError.RowNotFound, rowId.GetString());
            }

            if (RowLocks.IsLocked(existing))
            {
                return ContentReply.Fail(ContentError.RowLocked, existing.Id);
            }

            if (ConvertRow(table, row, converter, applyDefault: false, out var error, keepClears: true) is not { } cells)
            {
                return ContentReply.Fail(ContentError.ValueInvalid, error);
            }

            changes.Add(new RowChange(rowId.GetString()!, cells));
        }

        var operations = OptionOperations(table, converter);
        operations.Add(new ModifyRowsOp(table.Id, _pool.Intern(command.Actor)!, clock.GetUtcNow().ToUnixTimeMilliseconds(), changes));
        var reply = new ContentReply(ContentError.None, Count: changes.Count);
        await CommitAsync(operations, reply);
        return reply;
    }

    Task<ContentReply> IBaseContentGrain.DeleteRows(string tableName, IReadOnlyList<string> rowIds) => KeyedAsync(() => DeleteRowsAsync(tableName, rowIds));

    private async Task<ContentReply> DeleteRowsAsync(string tableName, IReadOnlyList<string> rowIds)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        var existing = rowIds.Distinct(StringComparer.Ordinal).Where(table.Rows.Contains).ToList();
        if (existing.FirstOrDefault(id => RowLocks.IsLocked(table.Rows.Find(id)!)) is { } locked)
        {
            // A locked row refuses the whole delete: nothing goes.
            return ContentReply.Fail(ContentError.RowLocked, locked);
        }

        var reply = new ContentReply(ContentError.None, Count: existing.Count);
        if (existing.Count > 0)
        {
            await CommitAsync([new DeleteRowsOp(table.Id, existing)], reply);
        }

        return reply;
    }

    Task<ContentReply> IBaseContentGrain.ChangeLink(LinkCommand command) => KeyedAsync(() => ChangeLinkAsync(command));

    private async Task<ContentReply> ChangeLinkAsync(LinkCommand command)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(command.TableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.TableName);
        }

        if (content.TableByName(command.OtherTableName) is not { } other)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.OtherTableName);
        }

        if (content.LinkById(command.LinkId) is not { } link
            || !((link.Table1Id == table.Id && link.Table2Id == other.Id) || (link.Table2Id == table.Id && link.Table1Id == other.Id)))
        {
            return ContentReply.Fail(ContentError.LinkNotFound, command.LinkId);
        }

        if (!table.Rows.Contains(command.RowId))
        {
            return ContentReply.Fail(ContentError.RowNotFound, command.RowId);
        }

        if (!other.Rows.Contains(command.OtherRowId))
        {
            return ContentReply.Fail(ContentError.RowNotFound, command.OtherRowId);
        }

        var (row1, row2) = link.Table1Id == table.Id ? (command.RowId, command.OtherRowId) : (command.OtherRowId, command.RowId);
        var linked = link.Linked(link.Table1Id, row1).Contains(row2, StringComparer.Ordinal);
        var reply = new ContentReply(ContentError.None, Count: linked != command.Add ? 1 : 0);
        if (linked != command.Add)
        {
            await CommitAsync([new LinkRowsOp(command.Add, link.Id, link.Table1Id, link.Table2Id, row1, row2)], reply);
        }

        return reply;
    }

    /// <summary>
    /// The cells of a row sent by column name or key: unknown columns and computed ones are skipped, as
    /// SeaTable skips them; null when a value does not fit its column. Clears are kept for updates only.
    /// </summary>
    private static List<CellUpdate>? ConvertRow(ContentTable table, JsonElement row, CellConverter converter, bool applyDefault,
        out string? error, bool keepClears = false)
    {
        error = null;
        var cells = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            if (property.Name.StartsWith('_') || table.ColumnByNameOrKey(property.Name) is not { } column || ColumnTypes.IsReadOnly(column.Type))
            {
                continue;
            }

            if (!converter.TryConvert(column, property.Value, out var raw, out error))
            {
                return null;
            }

            cells[column.Key] = raw;
        }

        if (applyDefault)
        {
            foreach (var column in table.Columns.Where(c => !cells.ContainsKey(c.Key) && c.Data?["default_value"] is not null && !ColumnTypes.IsReadOnly(c.Type)))
            {
                var value = JsonSerializer.SerializeToElement(column.Data!["default_value"]);
                if (converter.TryConvert(column, value, out var raw, out _) && raw is not null)
                {
                    cells[column.Key] = raw;
                }
            }
        }

        return [.. cells.Where(c => keepClears || c.Value is not null).Select(c => new CellUpdate(c.Key, c.Value))];
    }

    private static List<ContentOp> OptionOperations(ContentTable table, CellConverter converter) =>
        [.. converter.NewOptions.Select(o => new AddColumnOptionsOp(table.Id, o.Key.Key, new JsonArray([.. o.Value])))];

    private static JsonDocument? ParseArray(string json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
