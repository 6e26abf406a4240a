using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Link columns: has_any_of, has_all_of, has_none_of, is_exactly over the linked rows' ids, is_empty and
/// is_not_empty, and contains / does_not_contain over the linked rows' display values (ignoring case).
/// </summary>
internal static class LinkFilters
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "has_any_of", "has_all_of", "has_none_of", "is_exactly", Predicates.IsEmpty, Predicates.IsNotEmpty, "contains", "does_not_contain",
    };

    public static RowFilter? Compile(ContentColumn column, string predicate, JsonNode? term, FilterContext context)
    {
        if (!Names.Contains(predicate))
        {
            throw Predicates.Unmatched();
        }

        var tableId = context.Table.Id;
        var link = column.LinkId is { } linkId ? context.Content.LinkById(linkId) : null;
        Func<ContentRow, IReadOnlyList<string>> linked = row => link?.Linked(tableId, row.Id) ?? [];
        if (predicate is not ("contains" or "does_not_contain"))
        {
            return Sets.Compile(predicate, term, items => items.ToHashSet(StringComparer.Ordinal), row => linked(row));
        }

        if (FilterTerm.IsEmpty(term))
        {
            return null;
        }

        var text = FilterTerm.Text(term);
        var other = link is null ? null : context.Content.TableById(link.Table1Id == tableId ? link.Table2Id : link.Table1Id);
        var displayKey = column.Data?["display_column_key"] is JsonValue d && d.TryGetValue<string>(out var key) ? key : other?.Columns.FirstOrDefault()?.Key;
        bool Contains(ContentRow row) => other is not null && displayKey is not null && linked(row)
            .Select(id => other.Rows.Find(id))
            .Any(r => r is not null && CellText.Of(r.Cells, displayKey).AsText().Contains(text, StringComparison.OrdinalIgnoreCase));
        return predicate == "contains" ? Contains : row => !Contains(row);
    }
}
