using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Text-like columns (text, long text, email, url, auto number, geolocation): contains, does_not_contain
/// (ignoring case), is, is_not, is_empty, is_not_empty, and is_current_user_ID (the cell holds the caller's id).
/// </summary>
internal static class TextFilters
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "contains", "does_not_contain", "is", "is_not", Predicates.IsEmpty, Predicates.IsNotEmpty, "is_current_user_ID",
    };

    public static RowFilter? Compile(ContentColumn column, string predicate, JsonNode? term, FilterContext context)
    {
        if (!Names.Contains(predicate))
        {
            throw Predicates.Unmatched();
        }

        var key = column.Key;
        if (Predicates.Emptiness(predicate, row => CellText.Of(row.Cells, key).IsEmpty) is { } emptiness)
        {
            return emptiness;
        }

        if (predicate == "is_current_user_ID")
        {
            var user = context.CurrentUser;
            return row => user is not null && CellText.Of(row.Cells, key).AsText() == user;
        }

        if (FilterTerm.IsEmpty(term))
        {
            return null;
        }

        var text = FilterTerm.Text(term);
        return predicate switch
        {
            "contains" => row => CellText.Of(row.Cells, key).AsText().Contains(text, StringComparison.OrdinalIgnoreCase),
            "does_not_contain" => row => !CellText.Of(row.Cells, key).AsText().Contains(text, StringComparison.OrdinalIgnoreCase),
            "is" => row => CellText.Of(row.Cells, key).AsText() == text,
            _ => row => CellText.Of(row.Cells, key).AsText() != text,
        };
    }
}
