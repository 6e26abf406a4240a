using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Model.Columns;
using SeaTable.Grains.Content.Operations;
using static SeaTable.Grains.Content.Model.Columns.ColumnRefusals;

namespace SeaTable.Grains.Content;

/// <summary>The select options and cascade settings of a column, checked first and then committed as one log entry.</summary>
public sealed partial class BaseContentGrain
{
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
                if (ColumnOptionChanges.UpdatedOptions(column, sent, out var failure) is not { } definition)
                {
                    return failure!;
                }

                operation = new ColumnChangeOp("modify_column_data", table.Id, column.Key, definition, []);
                break;
            default:
                if (ColumnOptionChanges.DeletedOptions(table, column, sent, out var refusal) is not { } deletion)
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
        var parentIds = ColumnOptionChanges.OptionIds(parent);
        var childIds = ColumnOptionChanges.OptionIds(child);
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
}
