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
}
