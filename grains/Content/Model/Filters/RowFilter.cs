using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>A compiled filter: whether a row passes.</summary>
internal delegate bool RowFilter(ContentRow row);

/// <summary>The predicates every column family shares.</summary>
internal static class Predicates
{
    public const string IsEmpty = "is_empty";
    public const string IsNotEmpty = "is_not_empty";

    /// <summary>is_empty / is_not_empty over a cell's emptiness; null for another predicate.</summary>
    public static RowFilter? Emptiness(string predicate, Func<ContentRow, bool> isEmpty) => predicate switch
    {
        IsEmpty => row => isEmpty(row),
        IsNotEmpty => row => !isEmpty(row),
        _ => null,
    };

    public static FilterException Unmatched() => new(FilterErrors.UnmatchedPredicate);

    /// <summary>
    /// The start the filters on one cell's value share: a predicate outside <paramref name="names"/> is refused;
    /// is_empty / is_not_empty decide on the cell alone; any other predicate with an empty term filters nothing
    /// (a null filter: the condition is ignored). True when one of these decided, with the filter to use; false
    /// when the caller compiles the predicate with its term.
    /// </summary>
    public static bool Decided(HashSet<string> names, string predicate, string columnKey, JsonNode? term, out RowFilter? filter)
    {
        if (!names.Contains(predicate))
        {
            throw Unmatched();
        }

        filter = Emptiness(predicate, row => CellText.Of(row.Cells, columnKey).IsEmpty);
        return filter is not null || FilterTerm.IsEmpty(term);
    }
}
