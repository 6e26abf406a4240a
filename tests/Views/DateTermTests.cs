using SeaTable.Grains.Content.Model.Filters;

namespace SeaTable.Tests.Views;

/// <summary>The date modifiers resolved against a fixed today (month ends, leap days, weeks from Monday).</summary>
public sealed class DateTermTests
{
    private static readonly DateOnly Today = new(2024, 3, 31); // a Sunday, the last of a month after a leap February

    [Theory]
    [InlineData("today", null, "2024-03-31", "2024-03-31")]
    [InlineData("tomorrow", null, "2024-04-01", "2024-04-01")]
    [InlineData("yesterday", null, "2024-03-30", "2024-03-30")]
    [InlineData("one_week_ago", null, "2024-03-24", "2024-03-24")]
    [InlineData("one_week_from_now", null, "2024-04-07", "2024-04-07")]
    [InlineData("one_month_ago", null, "2024-02-29", "2024-02-29")]
    [InlineData("one_month_from_now", null, "2024-04-30", "2024-04-30")]
    [InlineData("number_of_days_ago", "31", "2024-02-29", "2024-02-29")]
    [InlineData("number_of_days_from_now", "1", "2024-04-01", "2024-04-01")]
    [InlineData("exact_date", "2020-02-29 10:30", "2020-02-29", "2020-02-29")]
    [InlineData("the_past_week", null, "2024-03-24", "2024-03-31")]
    [InlineData("the_past_month", null, "2024-02-29", "2024-03-31")]
    [InlineData("the_past_year", null, "2023-03-31", "2024-03-31")]
    [InlineData("the_next_week", null, "2024-03-31", "2024-04-07")]
    [InlineData("the_next_month", null, "2024-03-31", "2024-04-30")]
    [InlineData("the_next_year", null, "2024-03-31", "2025-03-31")]
    [InlineData("the_past_numbers_of_days", "2", "2024-03-29", "2024-03-31")]
    [InlineData("the_next_numbers_of_days", "2", "2024-03-31", "2024-04-02")]
    [InlineData("this_week", null, "2024-03-25", "2024-03-31")]
    [InlineData("this_month", null, "2024-03-01", "2024-03-31")]
    [InlineData("this_year", null, "2024-01-01", "2024-12-31")]
    public void Each_modifier_names_its_days(string modifier, string? term, string start, string end)
    {
        var range = DateTerm.Resolve(modifier, term is null ? null : System.Text.Json.Nodes.JsonValue.Create(term), Today);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), range.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), range.End);
    }

    [Theory]
    [InlineData("someday", "1")]
    [InlineData("number_of_days_ago", "1.5")]
    [InlineData("number_of_days_ago", "many")]
    [InlineData("exact_date", "31/03/2024")]
    public void A_bad_modifier_or_term_is_refused(string modifier, string term) =>
        Assert.Throws<FilterException>(() => DateTerm.Resolve(modifier, System.Text.Json.Nodes.JsonValue.Create(term), Today));
}
