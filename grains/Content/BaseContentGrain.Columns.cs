using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

/// <summary>
/// The column calls: every one checks everything first and then commits its operations as one log entry,
/// so a refused call leaves the base as it was.
/// </summary>
public sealed partial class BaseContentGrain : IBaseColumnsGrain
{
    private const string ColumnTypeInvalid = "column_type invalid.";

    async Task<ContentReply> IBaseColumnsGrain.AddColumns(AddColumnsCommand command)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (FindTable(content, command.Table) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.Table.ToString());
        }

        ContentColumn? anchor = null;
        if (command.AnchorColumn is { Length: > 0 } anchorName && (anchor = FindColumn(table, anchorName)) is null)
        {
            return ContentReply.Fail(ContentError.ColumnNotFound, anchorName);
        }

        using var document = ParseArray(command.ColumnsJson);
        if (document is null || document.RootElement.GetArrayLength() == 0)
        {
            return ContentReply.Fail(ContentError.ParamsInvalid, "columns invalid.");
        }

        if (table.Columns.Count + document.RootElement.GetArrayLength() > Limits.MaxColumns)
        {
            return ContentReply.Fail(ContentError.LimitExceeded, $"The number of columns exceeds the limit of {Limits.MaxColumns}.");
        }

        var operations = new List<ContentOp>();
        var pending = new PendingColumns();
        var added = new List<JsonObject>();
        foreach (var spec in document.RootElement.EnumerateArray())
        {
            if (NewColumnOperations(content, table, spec, pending, operations) is not { } column)
            {
                return pending.Failure!;
            }

            added.Add(column);
        }

        // Right after the anchor: each new column is moved before the column that followed the anchor.
        var next = anchor is null ? null : table.Columns.ElementAtOrDefault(table.Columns.IndexOf(anchor) + 1);
        if (next is not null)
        {
            operations.AddRange(added.Select(c => new MoveColumnOp(table.Id, c["key"]!.GetValue<string>(), next.Key)));
        }

        await CommitAsync(operations);
        return new ContentReply(ContentError.None, Json: Json(w =>
        {
            w.WriteStartArray();
            foreach (var column in added)
            {
                (table.ColumnByKey(column["key"]!.GetValue<string>())?.Definition ?? column).WriteTo(w);
            }

            w.WriteEndArray();
        }));
    }

    async Task<ContentReply> IBaseColumnsGrain.UpdateColumn(UpdateColumnCommand command)
    {
        if (FindTableColumn(command.Table, command.Column, out var missing) is not ({ } table, { } column))
        {
            return missing!;
        }

        var definition = column.Definition.DeepClone().AsObject();
        ContentOp operation;
        switch (command.OpType)
        {
            case "rename_column":
                var name = command.NewName?.Trim();
                if (name is not { Length: > 0 })
                {
                    return Invalid("new_column_name invalid.");
                }

                if (name == column.Name)
                {
                    return ColumnReply(column);
                }

                if (table.ColumnByName(name) is not null)
                {
                    return Invalid($"column_name {name} exists.");
                }

                definition["name"] = name;
                operation = new ColumnChangeOp("rename_column", table.Id, column.Key, definition, []);
                break;
            case "resize_column":
                if (command.NewWidth is not { } width || width is < 50 or > 2000)
                {
                    return Invalid("new_column_width invalid.");
                }

                definition["width"] = width;
                operation = new ColumnChangeOp("resize_column", table.Id, column.Key, definition, []);
                break;
            case "freeze_column":
                if (command.Frozen is not { } frozen)
                {
                    return Invalid("frozen invalid.");
                }

                definition["frozen"] = frozen;
                operation = new ColumnChangeOp("freeze_column", table.Id, column.Key, definition, []);
                break;
            case "move_column":
                if (command.TargetColumn is not { Length: > 0 } targetName || FindColumn(table, targetName) is not { } target)
                {
                    return ContentReply.Fail(ContentError.ColumnNotFound, command.TargetColumn ?? "");
                }

                if (target.Key == column.Key)
                {
                    return Invalid("target_column invalid.");
                }

                if (table.Columns.IndexOf(column) == 0)
                {
                    return Invalid("The first column cannot be moved.");
                }

                // The first column stays first: a column moved onto it goes right after it.
                if (table.Columns.IndexOf(target) == 0)
                {
                    if (table.Columns.IndexOf(column) == 1)
                    {
                        return ColumnReply(column);
                    }

                    target = table.Columns[1];
                }

                operation = new MoveColumnOp(table.Id, column.Key, target.Key);
                break;
            case "modify_column_type":
                if (ModifyType(table, column, command, out var failure) is not { } modified)
                {
                    return failure!;
                }

                if (modified.Column.ToJsonString() == column.Definition.ToJsonString())
                {
                    return ColumnReply(column);
                }

                operation = modified;
                break;
            default:
                return Invalid("op_type invalid.");
        }

        await CommitAsync([operation]);
        return ColumnReply(table.ColumnByKey(column.Key)!);
    }

    async Task<ContentReply> IBaseColumnsGrain.DeleteColumn(TableRef tableRef, string columnName)
    {
        if (FindTableColumn(tableRef, columnName, out var missing) is not ({ } table, { } column))
        {
            return missing!;
        }

        if (table.Columns.IndexOf(column) == 0)
        {
            return Invalid("The first column cannot be deleted.");
        }

        await CommitAsync([new DeleteColumnOp(table.Id, column.Key)]);
        return new ContentReply(ContentError.None);
    }

    async Task<ContentReply> IBaseColumnsGrain.ChangeColumnOptions(ColumnOptionsCommand command)
    {
        if (FindTableColumn(command.Table, command.Column, out var missing) is not ({ } table, { } column))
        {
            return missing!;
        }

        if (column.Type is not (ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect))
        {
            return Invalid("column type invalid.");
        }

        using var document = ParseArray(command.OptionsJson);
        if (document is null || document.RootElement.GetArrayLength() == 0)
        {
            return Invalid("options invalid.");
        }

        var sent = JsonNode.Parse(document.RootElement.GetRawText())!.AsArray();
        var existing = column.Options;
        ContentOp operation;
        switch (command.Change)
        {
            case ColumnOptionsChange.Add:
                // Options already there (by name) are skipped: a setup script may add the same options twice.
                var names = existing.OfType<JsonObject>().Select(o => ColumnDefinitions.Text(o, "name")).ToHashSet(StringComparer.Ordinal);
                var fresh = new JsonArray([.. sent.Where(o => o is not JsonObject obj || !names.Contains(ColumnDefinitions.Text(obj, "name"))).Select(o => o?.DeepClone())]);
                if (ColumnDefinitions.NewOptions(existing, fresh, out var added) is { } error)
                {
                    return Invalid(error);
                }

                if (added.Count == 0)
                {
                    return new ContentReply(ContentError.None);
                }

                operation = new AddColumnOptionsOp(table.Id, column.Key, added);
                break;
            case ColumnOptionsChange.Update:
                if (UpdatedOptions(column, sent, out var failure) is not { } definition)
                {
                    return failure!;
                }

                operation = new ColumnChangeOp("modify_column_data", table.Id, column.Key, definition, []);
                break;
            default:
                if (DeletedOptions(table, column, sent, out var refusal) is not { } deletion)
                {
                    return refusal!;
                }

                operation = deletion;
                break;
        }

        await CommitAsync([operation]);
        return new ContentReply(ContentError.None);
    }

    async Task<ContentReply> IBaseColumnsGrain.SetCascadeSettings(CascadeSettingsCommand command)
    {
        if (FindTableColumn(command.Table, command.ChildColumn, out var missing) is not ({ } table, { } child))
        {
            return missing!;
        }

        if (FindColumn(table, command.ParentColumn) is not { } parent)
        {
            return ContentReply.Fail(ContentError.ColumnNotFound, command.ParentColumn);
        }

        if (child.Type != ColumnTypes.SingleSelect && child.Type != ColumnTypes.MultipleSelect || parent.Type != ColumnTypes.SingleSelect || child.Key == parent.Key)
        {
            return Invalid("column type invalid.");
        }

        JsonObject settings;
        try
        {
            settings = JsonNode.Parse(command.SettingsJson) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Invalid("cascade_settings invalid.");
        }

        // Stored by option id, as SeaTable keeps them; the clients name the options.
        var parentIds = OptionIds(parent);
        var childIds = OptionIds(child);
        var byId = new JsonObject();
        foreach (var (parentOption, children) in settings)
        {
            if (!parentIds.TryGetValue(parentOption, out var parentId))
            {
                return Invalid($"option {parentOption} not found.");
            }

            if (children is not JsonArray list)
            {
                return Invalid("cascade_settings invalid.");
            }

            var ids = new JsonArray();
            foreach (var item in list)
            {
                if (item is not JsonValue v || !v.TryGetValue<string>(out var option) || !childIds.TryGetValue(option, out var childId))
                {
                    return Invalid($"option {item?.ToJsonString() ?? "null"} not found.");
                }

                ids.Add(childId);
            }

            byId[parentId] = ids;
        }

        var definition = child.Definition.DeepClone().AsObject();
        var data = definition["data"] as JsonObject ?? [];
        data["cascade_column_key"] = parent.Key;
        data["cascade_settings"] = byId;
        definition["data"] = data;
        await CommitAsync([new ColumnChangeOp("modify_column_data", table.Id, child.Key, definition, [])]);
        return new ContentReply(ContentError.None);
    }

    private ContentReply ColumnReply(ContentColumn column) =>
        new(ContentError.None, Json: Json(w => column.Definition.WriteTo(w)));

    private static ContentReply Invalid(string message) => ContentReply.Fail(ContentError.ParamsInvalid, message);

    /// <summary>
    /// The table and column a column command names; null with the refusal (no content, no such table or column)
    /// when one is missing, checked in that order so the error names the first thing not found.
    /// </summary>
    private (ContentTable Table, ContentColumn Column)? FindTableColumn(TableRef tableRef, string columnName, out ContentReply? failure)
    {
        failure = null;
        if (_content is not { } content)
        {
            failure = ContentReply.Fail(ContentError.NoContent);
        }
        else if (FindTable(content, tableRef) is not { } table)
        {
            failure = ContentReply.Fail(ContentError.TableNotFound, tableRef.ToString());
        }
        else if (FindColumn(table, columnName) is not { } column)
        {
            failure = ContentReply.Fail(ContentError.ColumnNotFound, columnName);
        }
        else
        {
            return (table, column);
        }

        return null;
    }

    private static ContentTable? FindTable(BaseContent content, TableRef table) =>
        (table.Id is { Length: > 0 } id ? content.TableById(id) : null) ?? (table.Name is { Length: > 0 } name ? content.TableByName(name) : null);

    /// <summary>The clients name a column by key (what list_columns gives them) or by name.</summary>
    private static ContentColumn? FindColumn(ContentTable table, string keyOrName) => table.ColumnByKey(keyOrName) ?? table.ColumnByName(keyOrName);

    /// <summary>Option name or id to id.</summary>
    private static Dictionary<string, string> OptionIds(ContentColumn column)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in column.Options.OfType<JsonObject>())
        {
            if (ColumnDefinitions.Text(option, "id") is { } id)
            {
                ids.TryAdd(id, id);
                if (ColumnDefinitions.Text(option, "name") is { } name)
                {
                    ids.TryAdd(name, id);
                }
            }
        }

        return ids;
    }

    /// <summary>Names and keys the operations of one call have already given out, per table.</summary>
    private sealed class PendingColumns
    {
        private readonly Dictionary<string, HashSet<string>> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _keys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _links = new(StringComparer.Ordinal);

        public ContentReply? Failure { get; set; }

        public bool NameTaken(ContentTable table, string name) => table.ColumnByName(name) is not null || Names(table).Contains(name);

        public string NewKey(ContentTable table)
        {
            var keys = Of(_keys, table.Id);
            var key = RowIds.NewShort(k => table.ColumnByKey(k) is not null || keys.Contains(k));
            keys.Add(key);
            return key;
        }

        public void Take(ContentTable table, string name) => Names(table).Add(name);

        public string NewLinkId(BaseContent content)
        {
            var id = RowIds.NewShort(i => content.LinkById(i) is not null || _links.Contains(i));
            _links.Add(id);
            return id;
        }

        private HashSet<string> Names(ContentTable table) => Of(_names, table.Id);

        private static HashSet<string> Of(Dictionary<string, HashSet<string>> map, string tableId)
        {
            if (!map.TryGetValue(tableId, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                map[tableId] = set;
            }

            return set;
        }
    }

    /// <summary>
    /// The operations that add one column ({column_name, column_type, column_data}); for a link column also
    /// the link and the other table's column. Null (and pending.Failure set) when the column is refused.
    /// </summary>
    private static JsonObject? NewColumnOperations(BaseContent content, ContentTable table, JsonElement spec, PendingColumns pending, List<ContentOp> operations)
    {
        JsonObject? Fail(ContentReply reply)
        {
            pending.Failure = reply;
            return null;
        }

        if (spec.ValueKind != JsonValueKind.Object)
        {
            return Fail(Invalid("columns invalid."));
        }

        var name = spec.TryGetProperty("column_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
        if (name.Length == 0)
        {
            return Fail(Invalid("column_name invalid."));
        }

        var type = spec.TryGetProperty("column_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : ColumnTypes.Text;
        if (!ColumnTypes.Known.Contains(type))
        {
            return Fail(Invalid(ColumnTypeInvalid));
        }

        if (pending.NameTaken(table, name))
        {
            return Fail(Invalid($"column_name {name} exists."));
        }

        JsonObject? sent = null;
        if (spec.TryGetProperty("column_data", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind != JsonValueKind.Object)
            {
                return Fail(Invalid(ColumnDefinitions.DataInvalid));
            }

            sent = JsonNode.Parse(d.GetRawText())!.AsObject();
        }

        if (ColumnDefinitions.Normalize(type, sent, out var data) is { } error)
        {
            return Fail(Invalid(error));
        }

        var key = pending.NewKey(table);
        if (type == ColumnTypes.Link)
        {
            // column_data names the other table ("other_table", by name or id); "table" is this one.
            var otherName = sent is null ? null : ColumnDefinitions.Text(sent, "other_table") ?? ColumnDefinitions.Text(sent, "other_table_id");
            if (otherName is null)
            {
                return Fail(Invalid(ColumnDefinitions.DataInvalid));
            }

            if ((content.TableByName(otherName) ?? content.TableById(otherName)) is not { } other)
            {
                return Fail(ContentReply.Fail(ContentError.TableNotFound, otherName));
            }

            if (other.Id == table.Id)
            {
                return Fail(Invalid("A link to the same table is not supported."));
            }

            var linkId = pending.NewLinkId(content);
            data = new JsonObject
            {
                ["link_id"] = linkId, ["table_id"] = table.Id, ["other_table_id"] = other.Id,
                ["display_column_key"] = other.Columns.FirstOrDefault()?.Key,
                ["is_internal_link"] = true,
            };
            operations.Add(new CreateLinkOp(linkId, table.Id, other.Id));
            var reverseName = table.Name;
            for (var i = 1; pending.NameTaken(other, reverseName); i++)
            {
                reverseName = $"{table.Name} ({i})";
            }

            pending.Take(other, reverseName);
            operations.Add(new InsertColumnOp(other.Id, ColumnDefinitions.New(pending.NewKey(other), reverseName, ColumnTypes.Link, new JsonObject
            {
                ["link_id"] = linkId, ["table_id"] = other.Id, ["other_table_id"] = table.Id,
                ["display_column_key"] = table.Columns.FirstOrDefault()?.Key, ["is_internal_link"] = true,
            })));
        }
        else if (type == "link-formula" && data is not null && ColumnDefinitions.Text(data, "link_column_key") is { } linkKey
                 && table.ColumnByKey(linkKey) is not { Type: ColumnTypes.Link })
        {
            return Fail(ContentReply.Fail(ContentError.ColumnNotFound, linkKey));
        }

        pending.Take(table, name);
        if (type == "auto-number" && table.Rows.Count > 0)
        {
            // The rows already there are numbered in their order, as SeaTable numbers them.
            var numbers = AutoNumbering.Number(table, data!);
            var column = ColumnDefinitions.New(key, name, type, data);
            operations.Add(new InsertColumnOp(table.Id, column));
            operations.Add(new ColumnChangeOp("modify_column_data", table.Id, key, column, numbers));
            return column;
        }

        var created = ColumnDefinitions.New(key, name, type, data);
        operations.Add(new InsertColumnOp(table.Id, created));
        return created;
    }

    /// <summary>The modify_column_type operation: the new type, its column_data, and every converted cell.</summary>
    private static ColumnChangeOp? ModifyType(ContentTable table, ContentColumn column, UpdateColumnCommand command, out ContentReply? failure)
    {
        failure = null;
        var type = command.NewType;
        if (type is null || !ColumnTypes.Known.Contains(type) || type == ColumnTypes.Link)
        {
            failure = Invalid(ColumnTypeInvalid);
            return null;
        }

        if (column.Type == ColumnTypes.Link)
        {
            failure = Invalid("The type of a link column cannot be changed; delete the column instead.");
            return null;
        }

        if (type == column.Type)
        {
            return new ColumnChangeOp("modify_column_type", table.Id, column.Key, column.Definition, []);
        }

        JsonObject? sent = null;
        if (command.NewDataJson is { Length: > 0 } json)
        {
            try
            {
                sent = JsonNode.Parse(json) as JsonObject;
            }
            catch (JsonException)
            {
            }

            if (sent is null)
            {
                failure = Invalid(ColumnDefinitions.DataInvalid);
                return null;
            }
        }

        // Number formats and the like carry over where the new type has them too (number <-> rate keeps nothing it does not know).
        if (ColumnDefinitions.Normalize(type, sent, out var data) is { } error)
        {
            failure = Invalid(error);
            return null;
        }

        var definition = column.Definition.DeepClone().AsObject();
        definition["type"] = type;
        if (type == "auto-number")
        {
            // Whatever the cells held, every row gets its number, in the table's order.
            var numbers = AutoNumbering.Number(table, data!);
            definition["data"] = data;
            return new ColumnChangeOp("modify_column_type", table.Id, column.Key, definition, numbers);
        }

        var conversion = new ColumnConversion(column, type, data ??= []);
        var cells = new List<ColumnCell>();
        foreach (var row in table.Rows.InOrder)
        {
            // The row's own fields stand for the cells of the system columns (they keep none).
            var raw = SystemValue(column.Type, row) is { } system ? JsonSerializer.SerializeToUtf8Bytes(system) : RowCells.Find(row.Cells, column.Key).ToArray();
            if (raw.Length == 0)
            {
                continue;
            }

            using var cell = JsonDocument.Parse(raw);
            var converted = cell.RootElement.ValueKind == JsonValueKind.Null || ColumnTypes.IsReadOnly(type) ? null : conversion.Convert(cell.RootElement);
            if (converted is null || !raw.AsSpan().SequenceEqual(converted))
            {
                cells.Add(new ColumnCell(row.Id, converted));
            }
        }

        definition["data"] = data.Count == 0 && sent is null && type is not (ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect) ? null : data;
        return new ColumnChangeOp("modify_column_type", table.Id, column.Key, definition, cells);
    }

    /// <summary>What a creator, ctime, last-modifier or mtime column shows for a row; null for other columns.</summary>
    private static string? SystemValue(string type, ContentRow row) => type switch
    {
        "creator" => row.Creator,
        "last-modifier" => row.LastModifier,
        "ctime" => row.CreatedAt is { } created ? RowTimes.Format(created) : null,
        "mtime" => row.ModifiedAt is { } modified ? RowTimes.Format(modified) : null,
        _ => null,
    };

    /// <summary>The column with options changed: each sent option names one by id (or by name) and brings its new name, color, textColor.</summary>
    private static JsonObject? UpdatedOptions(ContentColumn column, JsonArray sent, out ContentReply? failure)
    {
        failure = null;
        var definition = column.Definition.DeepClone().AsObject();
        var options = (definition["data"]?["options"] as JsonArray)!;
        foreach (var node in sent)
        {
            if (node is not JsonObject change)
            {
                failure = Invalid("options invalid.");
                return null;
            }

            var id = ColumnDefinitions.Text(change, "id");
            var name = ColumnDefinitions.Text(change, "name");
            var target = options.OfType<JsonObject>().FirstOrDefault(o => id is not null && ColumnDefinitions.Text(o, "id") == id)
                         ?? options.OfType<JsonObject>().FirstOrDefault(o => id is null && name is not null && ColumnDefinitions.Text(o, "name") == name);
            if (target is null)
            {
                failure = Invalid($"option {id ?? name ?? ""} not found.");
                return null;
            }

            foreach (var (member, value) in change)
            {
                if (member == "id")
                {
                    continue;
                }

                if (member == "name" && (value is not JsonValue v || !v.TryGetValue<string>(out var newName) || newName.Length == 0
                                          || options.OfType<JsonObject>().Any(o => o != target && ColumnDefinitions.Text(o, "name") == newName)))
                {
                    failure = Invalid($"option name {value?.ToJsonString() ?? "null"} invalid.");
                    return null;
                }

                target[member] = value?.DeepClone();
            }
        }

        return definition;
    }

    /// <summary>The column without the named options (names or ids) and with its cells holding them cleared.</summary>
    private static ColumnChangeOp? DeletedOptions(ContentTable table, ContentColumn column, JsonArray sent, out ContentReply? failure)
    {
        failure = null;
        var ids = OptionIds(column);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in sent)
        {
            var option = node is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : node is JsonObject o ? ColumnDefinitions.Text(o, "id") ?? ColumnDefinitions.Text(o, "name") : null;
            if (option is null || !ids.TryGetValue(option, out var id))
            {
                failure = Invalid($"option {option ?? node?.ToJsonString() ?? "null"} not found.");
                return null;
            }

            gone.Add(id);
        }

        var definition = column.Definition.DeepClone().AsObject();
        var options = (definition["data"]?["options"] as JsonArray)!;
        for (var i = options.Count - 1; i >= 0; i--)
        {
            if (options[i] is JsonObject o && ColumnDefinitions.Text(o, "id") is { } id && gone.Contains(id))
            {
                options.RemoveAt(i);
            }
        }

        var cells = new List<ColumnCell>();
        foreach (var row in table.Rows.InOrder)
        {
            var raw = RowCells.Find(row.Cells, column.Key);
            if (raw.IsEmpty)
            {
                continue;
            }

            using var cell = JsonDocument.Parse(raw.ToArray());
            var value = cell.RootElement;
            if (value.ValueKind == JsonValueKind.String && gone.Contains(value.GetString()!))
            {
                cells.Add(new ColumnCell(row.Id, null));
            }
            else if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.String && gone.Contains(i.GetString()!)))
            {
                var kept = value.EnumerateArray().Where(i => i.ValueKind != JsonValueKind.String || !gone.Contains(i.GetString()!)).ToList();
                cells.Add(new ColumnCell(row.Id, kept.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(kept)));
            }
        }

        return new ColumnChangeOp("modify_column_data", table.Id, column.Key, definition, cells);
    }
}
