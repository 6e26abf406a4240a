using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Date columns and the row times (ctime, mtime): is, is_not, is_before, is_after, is_on_or_before,
/// is_on_or_after with a single-day modifier, is_within with a period, is_empty, is_not_empty. Cells are
/// compared by their day; a time of day is ignored, as in SeaTable's filters.
/// </summary>
internal static class DateFilters
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "is", "is_not", "is_before", "is_after", "is_on_or_before", "is_on_or_after", "is_within", Predicates.IsEmpty, Predicates.IsNotEmpty,
    };

    public static RowFilter? Compile(ContentColumn column, string predicate, JsonNode? term, string? modifier, FilterContext context)
    {
        if (!Names.Contains(predicate))
        {
            throw Predicates.Unmatched();
        }

        Func<ContentRow, DateOnly?> day = DayOf(column);
        if (Predicates.Emptiness(predicate, row => day(row) is null) is { } emptiness)
        {
            return emptiness;
        }

        if (string.IsNullOrEmpty(modifier))
        {
            // A bare date term reads as an exact date; without either the filter is incomplete.
            if (FilterTerm.IsEmpty(term) || predicate == "is_within")
            {
                return null;
            }

            modifier = "exact_date";
        }

        var allowed = predicate == "is_within" ? DateTerm.Periods.Contains(modifier) : DateTerm.Days.Contains(modifier) || DateTerm.Calendar.Contains(modifier);
        if (!allowed)
        {
            throw new FilterException(FilterErrors.UnmatchedModifier);
        }

        if (DateTerm.NeedsTerm(modifier) && FilterTerm.IsEmpty(term))
        {
            return null;
        }

        var range = DateTerm.Resolve(modifier, term, context.Today);
        Func<DateOnly, bool> test = predicate switch
        {
            "is" or "is_within" => range.Contains,
            "is_not" => d => !range.Contains(d),
            "is_before" => d => d < range.Start,
            "is_after" => d => d > range.End,
            "is_on_or_before" => d => d <= range.End,
            _ => d => d >= range.Start,
        };
        var emptyPasses = predicate == "is_not";
        return row => day(row) is { } value ? test(value) : emptyPasses;
    }

    private static Func<ContentRow, DateOnly?> DayOf(ContentColumn column)
    {
        var key = column.Key;
        return column.Type switch
        {
            "ctime" => row => FromMilliseconds(row.CreatedAt),
            "mtime" => row => FromMilliseconds(row.ModifiedAt),
            _ => row => CellText.Of(row.Cells, key) is { Kind: JsonValueKind.String, Text: { } text } ? FilterTerm.ParseDay(text) : null,
        };
    }

    private static DateOnly? FromMilliseconds(long? milliseconds) =>
        milliseconds is { } ms ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime) : null;
}
