using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Operations;
using static SeaTable.Grains.Content.Model.Columns.ColumnRefusals;

namespace SeaTable.Grains.Content.Model.Columns;

/// <summary>Select options of a column changed or deleted by name or id.</summary>
internal static class ColumnOptionChanges
{
    /// <summary>Option name or id to id.</summary>
    public static Dictionary<string, string> OptionIds(ContentColumn column)
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


    /// <summary>The column with options changed: each sent option names one by id (or by name) and brings its new name, color, textColor.</summary>
    public static JsonObject? UpdatedOptions(ContentColumn column, JsonArray sent, out ContentReply? failure)
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
    public static ColumnChangeOp? DeletedOptions(ContentTable table, ContentColumn column, JsonArray sent, out ContentReply? failure)
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
