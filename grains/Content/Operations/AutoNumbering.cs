using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>
/// The numbers of a table's auto-number columns: each new row gets the next one, formatted as the column's
/// format says (a prefix and at least as many digits as it has zeros: "INV-000" gives "INV-001"), and the
/// column's data keeps the last number given (max_used_auto_number), as SeaTable's does.
/// </summary>
internal sealed class AutoNumbering
{
    private readonly List<(ContentColumn Column, long Next)> _columns;

    private AutoNumbering(List<(ContentColumn, long)> columns) => _columns = columns;

    /// <summary>Null when the table has no auto-number column (the common case costs nothing).</summary>
    public static AutoNumbering? For(ContentTable table)
    {
        var columns = table.Columns.Where(c => c.Type == "auto-number").Select(c => (c, LastUsed(c.Data) + 1)).ToList();
        return columns.Count == 0 ? null : new AutoNumbering(columns);
    }

    /// <summary>Adds the next number of every auto-number column to a new row's cells.</summary>
    public void Next(List<CellUpdate> cells)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            var (column, next) = _columns[i];
            cells.Add(new CellUpdate(column.Key, JsonSerializer.SerializeToUtf8Bytes(Format(column.Data, next))));
            _columns[i] = (column, next + 1);
        }
    }

    /// <summary>The operations that record the numbers given out (max_used_auto_number), to commit with the rows.</summary>
    public IEnumerable<ContentOp> Operations(ContentTable table) => _columns
        .Where(c => c.Next - 1 != LastUsed(c.Column.Data))
        .Select(c =>
        {
            var definition = c.Column.Definition.DeepClone().AsObject();
            var data = definition["data"] as JsonObject ?? [];
            data["max_used_auto_number"] = c.Next - 1;
            definition["data"] = data;
            return new ColumnChangeOp("modify_column_data", table.Id, c.Column.Key, definition, []);
        });

    /// <summary>Numbers for every row of the table in its order (a new auto-number column, or a column changed to one); sets max_used_auto_number.</summary>
    public static List<ColumnCell> Number(ContentTable table, JsonObject data)
    {
        var cells = new List<ColumnCell>(table.Rows.Count);
        long number = 0;
        foreach (var row in table.Rows.InOrder)
        {
            cells.Add(new ColumnCell(row.Id, JsonSerializer.SerializeToUtf8Bytes(Format(data, ++number))));
        }

        data["max_used_auto_number"] = number;
        return cells;
    }

    public static string Format(JsonObject? data, long number)
    {
        var format = data is not null && ColumnDefinitions.Text(data, "format") is { Length: > 0 } f ? f : "0000";
        var digits = format.Length - format.TrimEnd('0').Length;
        return format[..^digits] + number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    private static long LastUsed(JsonObject? data) =>
        (long)(ColumnDefinitions.Number(data?["max_used_auto_number"]) ?? 0);
}
