using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// A filter's "filter_term" read for one kind of column. An absent or empty term makes the filter incomplete:
/// SeaTable leaves such a filter out rather than matching nothing, and so does this server.
/// </summary>
internal static class FilterTerm
{
    public static bool IsEmpty(JsonNode? term) => term switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonArray a => a.Count == 0,
        _ => false,
    };

    /// <summary>A text term: a string, or a number written as text.</summary>
    public static string Text(JsonNode? term) => term switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => throw new FilterException(FilterErrors.InvalidTerm),
    };

    /// <summary>A number term: a JSON number or a string that parses as one.</summary>
    public static double Number(JsonNode? term)
    {
        if (term is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            // 1e400 is valid JSON but no double: refused as a term, not a server error.
            return v.TryGetValue<double>(out var value) && double.IsFinite(value) ? value : throw new FilterException(FilterErrors.InvalidTerm);
        }

        return term is JsonValue s && s.TryGetValue<string>(out var text)
            && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new FilterException(FilterErrors.InvalidTerm);
    }

    /// <summary>A whole number of days (number_of_days_ago ...).</summary>
    public static int Days(JsonNode? term)
    {
        var number = Number(term);
        return number == Math.Floor(number) && Math.Abs(number) <= 100_000 ? (int)number : throw new FilterException(FilterErrors.InvalidTerm);
    }

    /// <summary>A list term (option ids or names, emails, row ids); a single string counts as a list of one.</summary>
    public static IReadOnlyList<string> List(JsonNode? term) => term switch
    {
        JsonArray a => [.. a.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FilterException(FilterErrors.InvalidTerm))],
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        null => [],
        _ => throw new FilterException(FilterErrors.InvalidTerm),
    };

    /// <summary>A checkbox term: true/false, or their text; absent means unchecked.</summary>
    public static bool Flag(JsonNode? term) => term switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var flag) => flag,
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length == 0 => false,
        _ => throw new FilterException(FilterErrors.InvalidTerm),
    };

    /// <summary>A calendar date: "yyyy-MM-dd", optionally with a time (ignored).</summary>
    public static DateOnly Date(JsonNode? term) =>
        term is JsonValue v && v.TryGetValue<string>(out var s) && ParseDay(s) is { } day ? day : throw new FilterException(FilterErrors.InvalidTerm);

    /// <summary>The day of a date cell or term ("yyyy-MM-dd", "yyyy-MM-dd HH:mm", ISO 8601); null when not a date.</summary>
    public static DateOnly? ParseDay(string text)
    {
        text = text.Trim();
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? DateOnly.FromDateTime(time.UtcDateTime)
            : null;
    }
}
