namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>A filter that cannot be evaluated; the message is one of <see cref="FilterErrors"/>.</summary>
internal sealed class FilterException(string message) : Exception(message);

/// <summary>SeaTable's filter error texts (dtable-utils' FILTER_ERR_MSG), answered as {"error_msg": ...}.</summary>
internal static class FilterErrors
{
    public const string InvalidFilter = "invalid filter";
    public const string ColumnMissing = "the column to filter does not exist";
    public const string ColumnNotSupported = "the column to filter is not supported";
    public const string UnmatchedPredicate = "unmatched filter predicate";
    public const string UnmatchedModifier = "unmatched filter modifier";
    public const string InvalidTerm = "invalid filter term";
    public const string InvalidConjunction = "filter_conjunction invalid.";
    public const string InvalidFilters = "filters invalid.";
}
