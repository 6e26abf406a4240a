using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// A view's filters applied to rows ("filters" joined by "filter_conjunction"). The predicates SeaTable uses
/// for text, number, checkbox and select columns are evaluated; a filter with another predicate (dates,
/// collaborators) is not applied, and is listed in the README as not supported.
/// </summary>
internal static class ViewFilter
{
    public static IEnumerable<ContentRow> Apply(JsonObject view, ContentTable table, IEnumerable<ContentRow> rows)
    {
        var filters = (view["filters"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => Compile(f, table))
            .OfType<Func<ContentRow, bool>>()
            .ToList();
        if (filters.Count == 0)
        {
            return rows;
        }

        var any = string.Equals(view["filter_conjunction"]?.ToString(), "Or", StringComparison.OrdinalIgnoreCase);
        return rows.Where(row => any ? filters.Any(f => f(row)) : filters.All(f => f(row)));
    }

    private static Func<ContentRow, bool>? Compile(JsonObject filter, ContentTable table)
    {
        if (table.ColumnByKey(filter["column_key"]?.ToString() ?? "") is not { } column)
        {
            return null;
        }

        var key = column.Key;
        var term = filter["filter_term"];
        var termText = term is JsonValue ? term.ToString() : "";
        var termItems = term is JsonArray array ? array.Select(i => i?.ToString() ?? "").ToHashSet(StringComparer.Ordinal) : [termText];
        var hasNumber = double.TryParse(termText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        Func<CellText, bool>? test = filter["filter_predicate"]?.ToString() switch
        {
            "is_empty" => c => c.IsEmpty,
            "is_not_empty" => c => !c.IsEmpty,
            "contains" => c => c.AsText().Contains(termText, StringComparison.OrdinalIgnoreCase),
            "does_not_contain" => c => !c.AsText().Contains(termText, StringComparison.OrdinalIgnoreCase),
            "is" when column.Type == ColumnTypes.Checkbox => c => (c.Kind == JsonValueKind.True && c.Number == 1) == (termText is "true" or "True"),
            "is" => c => termText.Length == 0 || c.AsText() == termText,
            "is_not" => c => termText.Length == 0 || c.AsText() != termText,
            "equal" when hasNumber => c => c.Kind == JsonValueKind.Number && c.Number == number,
            "not_equal" when hasNumber => c => !(c.Kind == JsonValueKind.Number && c.Number == number),
            "less" when hasNumber => c => c.Kind == JsonValueKind.Number && c.Number < number,
            "greater" when hasNumber => c => c.Kind == JsonValueKind.Number && c.Number > number,
            "less_or_equal" when hasNumber => c => c.Kind == JsonValueKind.Number && c.Number <= number,
            "greater_or_equal" when hasNumber => c => c.Kind == JsonValueKind.Number && c.Number >= number,
            "is_any_of" => c => termItems.Contains(c.Text ?? ""),
            "is_none_of" => c => !termItems.Contains(c.Text ?? ""),
            "has_any_of" => c => (c.Items ?? []).Any(termItems.Contains),
            "has_all_of" => c => termItems.All(t => (c.Items ?? []).Contains(t)),
            "has_none_of" => c => !(c.Items ?? []).Any(termItems.Contains),
            "is_exactly" => c => (c.Items ?? []).ToHashSet(StringComparer.Ordinal).SetEquals(termItems),
            _ => null,
        };
        return test is null ? null : row => test(CellText.Of(row.Cells, key));
    }
}
