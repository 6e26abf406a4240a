using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Operations;
using static SeaTable.Grains.Content.Model.Columns.ColumnRefusals;

namespace SeaTable.Grains.Content.Model.Columns;

/// <summary>modify_column_type: the new type, its column_data, and every cell converted as the server converts it.</summary>
internal static class ColumnTypeChange
{
    /// <summary>The modify_column_type operation: the new type, its column_data, and every converted cell.</summary>
    public static ColumnChangeOp? ModifyType(ContentTable table, ContentColumn column, UpdateColumnCommand command, out ContentReply? failure)
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
    public static string? SystemValue(string type, ContentRow row) => type switch
    {
        "creator" => row.Creator,
        "last-modifier" => row.LastModifier,
        "ctime" => row.CreatedAt is { } created ? RowTimes.Format(created) : null,
        "mtime" => row.ModifiedAt is { } modified ? RowTimes.Format(modified) : null,
        _ => null,
    };
}
