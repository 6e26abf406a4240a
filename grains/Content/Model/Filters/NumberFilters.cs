using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Number-like columns (number, rate, duration in seconds): equal, not_equal, less, greater, less_or_equal,
/// greater_or_equal, is_empty, is_not_empty. An empty cell is "not equal" to any number and neither less
/// nor greater. A duration term may also be written "h:mm" or "h:mm:ss".
/// </summary>
internal static class NumberFilters
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "equal", "not_equal", "less", "greater", "less_or_equal", "greater_or_equal", Predicates.IsEmpty, Predicates.IsNotEmpty,
    };

    public static RowFilter? Compile(ContentColumn column, string predicate, JsonNode? term)
    {
        var key = column.Key;
        if (Predicates.Decided(Names, predicate, key, term, out var decided))
        {
            return decided;
        }

        var number = column.Type == "duration" && Duration(term) is { } seconds ? seconds : FilterTerm.Number(term);
        Func<double, bool> test = predicate switch
        {
            "equal" => v => v == number,
            "not_equal" => v => v != number,
            "less" => v => v < number,
            "greater" => v => v > number,
            "less_or_equal" => v => v <= number,
            _ => v => v >= number,
        };
        var emptyPasses = predicate == "not_equal";
        return row => Value(CellText.Of(row.Cells, key)) is { } value ? test(value) : emptyPasses;
    }

    /// <summary>A number cell, or a number kept as text (imported data).</summary>
    private static double? Value(CellText cell) => cell.Kind switch
    {
        JsonValueKind.Number => cell.Number,
        JsonValueKind.String when double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static double? Duration(JsonNode? term)
    {
        if (term is not JsonValue v || !v.TryGetValue<string>(out var text) || !text.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = text.Trim().Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(p => !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new FilterException(FilterErrors.InvalidTerm);
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return numbers[0] * 3600 + numbers[1] * 60 + (numbers.Length == 3 ? numbers[2] : 0);
    }
}
