using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// A date filter's "filter_term_modifier" (with its term where it takes one) resolved to a range of days,
/// inclusive: a single-day modifier (today, one_week_ago, number_of_days_ago, exact_date ...) is one day, a
/// range (the_past_week, the_next_numbers_of_days, this_month ...) several. "Today" is the server's UTC
/// date; weeks start on Monday.
/// </summary>
internal readonly record struct DateTerm(DateOnly Start, DateOnly End)
{
    /// <summary>Modifiers naming one day (is, is_not, is_before, is_after, is_on_or_before, is_on_or_after).</summary>
    public static readonly HashSet<string> Days = new(StringComparer.Ordinal)
    {
        "today", "tomorrow", "yesterday", "one_week_ago", "one_week_from_now", "one_month_ago", "one_month_from_now",
        "number_of_days_ago", "number_of_days_from_now", "exact_date",
    };

    /// <summary>Modifiers naming a period (is_within).</summary>
    public static readonly HashSet<string> Periods = new(StringComparer.Ordinal)
    {
        "the_past_week", "the_past_month", "the_past_year", "the_next_week", "the_next_month", "the_next_year",
        "the_past_numbers_of_days", "the_next_numbers_of_days", "this_week", "this_month", "this_year",
    };

    /// <summary>The calendar periods, also accepted by the single-day predicates (the whole period counts).</summary>
    public static readonly HashSet<string> Calendar = new(StringComparer.Ordinal) { "this_week", "this_month", "this_year" };

    public static DateTerm Resolve(string modifier, JsonNode? term, DateOnly today) => modifier switch
    {
        "today" => One(today),
        "tomorrow" => One(today.AddDays(1)),
        "yesterday" => One(today.AddDays(-1)),
        "one_week_ago" => One(today.AddDays(-7)),
        "one_week_from_now" => One(today.AddDays(7)),
        "one_month_ago" => One(today.AddMonths(-1)),
        "one_month_from_now" => One(today.AddMonths(1)),
        "number_of_days_ago" => One(today.AddDays(-FilterTerm.Days(term))),
        "number_of_days_from_now" => One(today.AddDays(FilterTerm.Days(term))),
        "exact_date" => One(FilterTerm.Date(term)),
        "the_past_week" => new(today.AddDays(-7), today),
        "the_past_month" => new(today.AddMonths(-1), today),
        "the_past_year" => new(today.AddYears(-1), today),
        "the_next_week" => new(today, today.AddDays(7)),
        "the_next_month" => new(today, today.AddMonths(1)),
        "the_next_year" => new(today, today.AddYears(1)),
        "the_past_numbers_of_days" => new(today.AddDays(-FilterTerm.Days(term)), today),
        "the_next_numbers_of_days" => new(today, today.AddDays(FilterTerm.Days(term))),
        "this_week" => Week(today),
        "this_month" => new(new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1)),
        "this_year" => new(new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
        _ => throw new FilterException(FilterErrors.UnmatchedModifier),
    };

    /// <summary>Modifiers that need a term: without one the filter is incomplete.</summary>
    public static bool NeedsTerm(string modifier) =>
        modifier is "number_of_days_ago" or "number_of_days_from_now" or "exact_date" or "the_past_numbers_of_days" or "the_next_numbers_of_days";

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    private static DateTerm One(DateOnly day) => new(day, day);

    private static DateTerm Week(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new(monday, monday.AddDays(6));
    }
}
