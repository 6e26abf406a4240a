using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>
/// One change to a base, as it is logged, replayed on activation, and pushed to the base's sockets as an
/// "update-dtable" event. The JSON follows SeaTable's operations (op_type, table_id, row_datas, ...).
/// Applying is deterministic and cannot fail: everything is checked before the operation is logged.
/// </summary>
internal abstract record ContentOp
{
    public abstract void Write(Utf8JsonWriter writer);

    public abstract void Apply(BaseContent content);

    protected static ContentTable TableOf(BaseContent content, string tableId) =>
        content.TableById(tableId) ?? throw new InvalidOperationException($"Operation on missing table {tableId}.");

    /// <summary>A named array of strings (the row ids most operations list).</summary>
    protected static void WriteStrings(Utf8JsonWriter writer, string propertyName, IEnumerable<string> values)
    {
        writer.WriteStartArray(propertyName);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>A cell as logged: its stored JSON, written as is (it was validated when written), or null for a cleared cell.</summary>
    protected static void WriteCell(Utf8JsonWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value, skipInputValidation: true);
        }
    }
}

/// <summary>Rows added at the end of a table ("append_rows"), system fields included.</summary>
internal sealed record AppendRowsOp(string TableId, IReadOnlyList<ContentRow> Rows) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "append_rows");
        writer.WriteString("table_id", TableId);
        writer.WriteStartArray("row_datas");
        foreach (var row in Rows)
        {
            ContentJsonWriter.WriteRowByKey(writer, row);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        foreach (var row in Rows)
        {
            table.Rows.Add(row);
        }
    }
}

/// <summary>One row inserted above or below another ("insert_row").</summary>
internal sealed record InsertRowOp(string TableId, string AnchorRowId, bool Above, ContentRow Row) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "insert_row");
        writer.WriteString("table_id", TableId);
        writer.WriteString("row_id", AnchorRowId);
        writer.WriteString("row_insert_position", Above ? "insert_above" : "insert_below");
        writer.WritePropertyName("row_data");
        ContentJsonWriter.WriteRowByKey(writer, Row);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content) => TableOf(content, TableId).Rows.Insert(Row, AnchorRowId, Above);
}

/// <summary>Cells of rows changed ("modify_rows"): per row, the changed cells (null clears one).</summary>
internal sealed record ModifyRowsOp(string TableId, string Modifier, long ModifiedAt, IReadOnlyList<RowChange> Changes) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "modify_rows");
        writer.WriteString("table_id", TableId);
        WriteStrings(writer, "row_ids", Changes.Select(c => c.RowId));
        writer.WriteStartObject("updated");
        foreach (var change in Changes)
        {
            writer.WriteStartObject(change.RowId);
            writer.WriteString("_last_modifier", Modifier);
            writer.WriteString("_mtime", RowTimes.Format(ModifiedAt));
            foreach (var cell in change.Cells)
            {
                writer.WritePropertyName(cell.Key);
                WriteCell(writer, cell.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        foreach (var change in Changes)
        {
            if (table.Rows.Find(change.RowId) is not { } row)
            {
                continue;
            }

            if (change.Cells.Count > 0)
            {
                row.Cells = RowCells.Merge(row.Cells, change.Cells, buffer);
            }

            row.LastModifier = Modifier;
            row.ModifiedAt = ModifiedAt;
        }
    }
}

internal sealed record RowChange(string RowId, IReadOnlyList<CellUpdate> Cells);

/// <summary>Rows deleted ("delete_rows"); their links go with them.</summary>
internal sealed record DeleteRowsOp(string TableId, IReadOnlyList<string> RowIds) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "delete_rows");
        writer.WriteString("table_id", TableId);
        WriteStrings(writer, "row_ids", RowIds);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        TableOf(content, TableId).Rows.Remove(RowIds);
        foreach (var link in content.Links.Where(l => l.Table1Id == TableId || l.Table2Id == TableId))
        {
            link.RemoveRows(TableId, RowIds);
        }
    }
}

/// <summary>A new table ("insert_table") with its columns and views, no rows.</summary>
internal sealed record InsertTableOp(ContentTable Table) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "insert_table");
        writer.WritePropertyName("table_data");
        ContentJsonWriter.WriteTable(writer, Table, includeRows: true);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content) => content.Tables.Add(Table);
}

internal sealed record RenameTableOp(string TableId, string Name) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "rename_table");
        writer.WriteString("table_id", TableId);
        writer.WriteString("table_name", Name);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content) => TableOf(content, TableId).Name = Name;
}

/// <summary>A table deleted ("delete_table"), with its links and the link columns other tables had to it.</summary>
internal sealed record DeleteTableOp(string TableId) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "delete_table");
        writer.WriteString("table_id", TableId);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        content.Tables.RemoveAll(t => t.Id == TableId);
        var gone = content.Links.Where(l => l.Table1Id == TableId || l.Table2Id == TableId).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        content.Links.RemoveAll(l => gone.Contains(l.Id));
        foreach (var table in content.Tables)
        {
            table.Columns.RemoveAll(c => c.Type == ColumnTypes.Link && c.LinkId is { } id && gone.Contains(id));
        }
    }
}

/// <summary>A column added to a table ("insert_column"), e.g. the other side of a new link.</summary>
internal sealed record InsertColumnOp(string TableId, JsonObject Column) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "insert_column");
        writer.WriteString("table_id", TableId);
        writer.WritePropertyName("column_data");
        Column.WriteTo(writer);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content) =>
        TableOf(content, TableId).Columns.Add(new ContentColumn(Column.DeepClone().AsObject()));
}

/// <summary>A new link between two tables ("create_link"), still without linked rows.</summary>
internal sealed record CreateLinkOp(string LinkId, string Table1Id, string Table2Id) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "create_link");
        writer.WriteString("link_id", LinkId);
        writer.WriteString("table1_id", Table1Id);
        writer.WriteString("table2_id", Table2Id);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content) => content.Links.Add(new ContentLink(LinkId, Table1Id, Table2Id));
}

/// <summary>Select options a write created ("add_column_options").</summary>
internal sealed record AddColumnOptionsOp(string TableId, string ColumnKey, JsonArray Options) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "add_column_options");
        writer.WriteString("table_id", TableId);
        writer.WriteString("column_key", ColumnKey);
        writer.WritePropertyName("options");
        Options.WriteTo(writer);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        if (TableOf(content, TableId).ColumnByKey(ColumnKey) is { } column)
        {
            foreach (var option in Options)
            {
                column.Options.Add(option?.DeepClone());
            }
        }
    }
}

/// <summary>Two rows linked ("add_link") or unlinked ("remove_link"); row 1 is in table1 of the link.</summary>
internal sealed record LinkRowsOp(bool Add, string LinkId, string Table1Id, string Table2Id, string Table1RowId, string Table2RowId) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", Add ? "add_link" : "remove_link");
        writer.WriteString("link_id", LinkId);
        writer.WriteString("table1_id", Table1Id);
        writer.WriteString("table2_id", Table2Id);
        writer.WriteString("table1_row_id", Table1RowId);
        writer.WriteString("table2_row_id", Table2RowId);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        if (content.LinkById(LinkId) is not { } link)
        {
            return;
        }

        if (Add)
        {
            link.Add(Table1RowId, Table2RowId);
        }
        else
        {
            link.Remove(Table1RowId, Table2RowId);
        }
    }
}
