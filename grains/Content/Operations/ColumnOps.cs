using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>
/// A column's definition replaced (rename_column, resize_column, freeze_column, modify_column_type,
/// modify_column_data for options and cascade settings), with the cells of the column that change with it:
/// a type change converts them, a deleted option clears them. The converted values are logged, not
/// recomputed on replay, so replaying never depends on how a conversion is computed.
/// </summary>
internal sealed record ColumnChangeOp(string OpType, string TableId, string ColumnKey, JsonObject Column, IReadOnlyList<ColumnCell> Cells) : ContentOp
{
    /// <summary>The op_types this record is logged as.</summary>
    public static readonly HashSet<string> OpTypes = new(StringComparer.Ordinal)
    {
        "rename_column", "resize_column", "freeze_column", "modify_column_type", "modify_column_data",
    };

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", OpType);
        writer.WriteString("table_id", TableId);
        writer.WriteString("column_key", ColumnKey);
        writer.WritePropertyName("column_data");
        Column.WriteTo(writer);
        if (Cells.Count > 0)
        {
            writer.WriteStartObject("cells");
            foreach (var cell in Cells)
            {
                writer.WritePropertyName(cell.RowId);
                WriteCell(writer, cell.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        var index = table.Columns.FindIndex(c => c.Key == ColumnKey);
        if (index < 0)
        {
            return;
        }

        table.Columns[index] = new ContentColumn(Column.DeepClone().AsObject());
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var cell in Cells)
        {
            if (table.Rows.Find(cell.RowId) is { } row)
            {
                row.Cells = RowCells.Merge(row.Cells, [new CellUpdate(ColumnKey, cell.Value)], buffer);
            }
        }
    }

    public static ColumnChangeOp Read(JsonElement e, string opType, string tableId, string columnKey)
    {
        var cells = new List<ColumnCell>();
        if (e.TryGetProperty("cells", out var logged) && logged.ValueKind == JsonValueKind.Object)
        {
            foreach (var cell in logged.EnumerateObject())
            {
                cells.Add(new ColumnCell(cell.Name, cell.Value.ValueKind == JsonValueKind.Null ? null : JsonSerializer.SerializeToUtf8Bytes(cell.Value)));
            }
        }

        return new ColumnChangeOp(opType, tableId, columnKey, JsonNode.Parse(e.GetProperty("column_data").GetRawText())!.AsObject(), cells);
    }
}

/// <summary>The new value of one row's cell of a column (null clears it).</summary>
internal sealed record ColumnCell(string RowId, byte[]? Value);

/// <summary>
/// A column moved ("move_column") to the place of the target column: moved rightwards it lands after the
/// target, leftwards before it, as dragging a column onto another does.
/// </summary>
internal sealed record MoveColumnOp(string TableId, string ColumnKey, string TargetColumnKey) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "move_column");
        writer.WriteString("table_id", TableId);
        writer.WriteString("moved_column_key", ColumnKey);
        writer.WriteString("target_column_key", TargetColumnKey);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var columns = TableOf(content, TableId).Columns;
        var from = columns.FindIndex(c => c.Key == ColumnKey);
        var to = columns.FindIndex(c => c.Key == TargetColumnKey);
        if (from < 0 || to < 0 || from == to)
        {
            return;
        }

        var column = columns[from];
        columns.RemoveAt(from);
        columns.Insert(Math.Min(to, columns.Count), column);
    }
}

/// <summary>
/// A column deleted ("delete_column") with its cells; a link column also takes its link (the linked rows)
/// and the link's column on the other table, as SeaTable deletes both sides.
/// </summary>
internal sealed record DeleteColumnOp(string TableId, string ColumnKey) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "delete_column");
        writer.WriteString("table_id", TableId);
        writer.WriteString("column_key", ColumnKey);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        if (table.ColumnByKey(ColumnKey) is not { } column)
        {
            return;
        }

        table.Columns.Remove(column);
        ForgetInViews(table, ColumnKey);
        if (column.Type == ColumnTypes.Link && column.LinkId is { } linkId)
        {
            content.Links.RemoveAll(l => l.Id == linkId);
            foreach (var other in content.Tables)
            {
                other.Columns.RemoveAll(c => c.Type == ColumnTypes.Link && c.LinkId == linkId);
            }

            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        CellUpdate[] clear = [new(ColumnKey, null)];
        foreach (var row in table.Rows.InOrder)
        {
            if (!RowCells.Find(row.Cells, ColumnKey).IsEmpty)
            {
                row.Cells = RowCells.Merge(row.Cells, clear, buffer);
            }
        }
    }

    /// <summary>A deleted column leaves no hidden, sorted or filtered trace in the table's views.</summary>
    private static void ForgetInViews(ContentTable table, string key)
    {
        foreach (var view in table.Views.OfType<JsonObject>())
        {
            if (view["hidden_columns"] is JsonArray hidden)
            {
                RemoveWhere(hidden, n => n is JsonValue v && v.TryGetValue<string>(out var s) && s == key);
            }

            foreach (var list in new[] { "sorts", "filters", "groupbys" })
            {
                if (view[list] is JsonArray items)
                {
                    RemoveWhere(items, n => n is JsonObject o && o["column_key"] is JsonValue v && v.TryGetValue<string>(out var s) && s == key);
                }
            }
        }
    }

    private static void RemoveWhere(JsonArray array, Func<JsonNode?, bool> match)
    {
        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (match(array[i]))
            {
                array.RemoveAt(i);
            }
        }
    }
}
