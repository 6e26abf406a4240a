using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>Checkbox columns: "is" true or false; an empty cell is unchecked.</summary>
internal static class CheckboxFilter
{
    public static RowFilter Compile(ContentColumn column, string predicate, JsonNode? term)
    {
        if (predicate != "is")
        {
            throw Predicates.Unmatched();
        }

        var wanted = FilterTerm.Flag(term);
        var key = column.Key;
        return row =>
        {
            var cell = CellText.Of(row.Cells, key);
            var checkedNow = cell.Kind == JsonValueKind.True && cell.Number == 1;
            return checkedNow == wanted;
        };
    }
}
