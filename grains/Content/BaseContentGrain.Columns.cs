using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Model.Columns;
using SeaTable.Grains.Content.Operations;
using static SeaTable.Grains.Content.Model.Columns.ColumnRefusals;

namespace SeaTable.Grains.Content;

/// <summary>
/// The column calls: every one checks everything first and then commits its operations as one log entry,
/// so a refused call leaves the base as it was.
/// </summary>
public sealed partial class BaseContentGrain : IBaseColumnsGrain
{
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
            if (NewColumns.Operations(content, table, spec, pending, operations) is not { } column)
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
                if (ColumnTypeChange.ModifyType(table, column, command, out var failure) is not { } modified)
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

    private ContentReply ColumnReply(ContentColumn column) =>
        new(ContentError.None, Json: Json(w => column.Definition.WriteTo(w)));

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

}
