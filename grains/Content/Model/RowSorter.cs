using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>Stable sorts of rows by cells: numbers as numbers, text ignoring case, select cells by option name; empty cells last.</summary>
internal static class RowSorter
{
    public static IEnumerable<ContentRow> Sort(IEnumerable<ContentRow> rows, IReadOnlyList<(ContentColumn Column, bool Descending)> sorts)
    {
        if (sorts.Count == 0)
        {
            return rows;
        }

        IOrderedEnumerable<ContentRow>? ordered = null;
        foreach (var (column, descending) in sorts)
        {
            var names = OptionNames(column);
            var comparer = new KeyComparer(descending);
            Func<ContentRow, SortKey> key = row => SortKey.Of(CellText.Of(row.Cells, column.Key), names);
            ordered = ordered is null ? rows.OrderBy(key, comparer) : ordered.ThenBy(key, comparer);
        }

        return ordered!;
    }

    private static Dictionary<string, string>? OptionNames(ContentColumn column) =>
        column.Type is ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect
            ? column.Options.OfType<JsonObject>().Where(o => o["id"] is not null && o["name"] is not null)
                .GroupBy(o => o["id"]!.ToString(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First()["name"]!.ToString(), StringComparer.Ordinal)
            : null;

    private readonly record struct SortKey(bool Empty, bool IsNumber, double Number, string Text)
    {
        public static SortKey Of(CellText cell, Dictionary<string, string>? names)
        {
            if (cell.IsEmpty)
            {
                return new SortKey(true, false, 0, "");
            }

            if (cell.Kind is JsonValueKind.Number or JsonValueKind.True)
            {
                return new SortKey(false, true, cell.Number, "");
            }

            var text = names is null ? cell.AsText()
                : cell.Kind == JsonValueKind.Array ? string.Join(", ", cell.Items!.Select(i => names.GetValueOrDefault(i, i)))
                : names.GetValueOrDefault(cell.Text ?? "", cell.Text ?? "");
            return new SortKey(false, false, 0, text);
        }
    }

    /// <summary>Empty cells go last in either direction, as SeaTable shows them.</summary>
    private sealed class KeyComparer(bool descending) : IComparer<SortKey>
    {
        public int Compare(SortKey x, SortKey y)
        {
            if (x.Empty || y.Empty)
            {
                return x.Empty.CompareTo(y.Empty);
            }

            var result = x.IsNumber && y.IsNumber ? x.Number.CompareTo(y.Number)
                : x.IsNumber != y.IsNumber ? x.IsNumber ? -1 : 1
                : StringComparer.OrdinalIgnoreCase.Compare(x.Text, y.Text);
            return descending ? -result : result;
        }
    }
}
