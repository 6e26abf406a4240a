using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Select columns. Single select: is, is_not (one option), is_any_of, is_none_of (a list), is_empty,
/// is_not_empty. Multiple select: has_any_of, has_all_of, has_none_of, is_exactly, is_empty, is_not_empty.
/// Options are named by id, as SeaTable's views store them, or by name, as scripts write them; an option
/// the column does not have matches no cell.
/// </summary>
internal static class OptionFilters
{
    public static readonly HashSet<string> SingleNames = new(StringComparer.Ordinal)
    {
        "is", "is_not", "is_any_of", "is_none_of", Predicates.IsEmpty, Predicates.IsNotEmpty,
    };

    public static RowFilter? Single(ContentColumn column, string predicate, JsonNode? term)
    {
        var key = column.Key;
        if (Predicates.Decided(SingleNames, predicate, key, term, out var decided))
        {
            return decided;
        }

        if (predicate is "is" or "is_not" && term is not JsonValue)
        {
            throw new FilterException(FilterErrors.InvalidTerm);
        }

        var ids = Ids(column, predicate is "is" or "is_not" ? [FilterTerm.Text(term)] : FilterTerm.List(term));
        var none = predicate is "is_not" or "is_none_of";
        return row =>
        {
            var cell = CellText.Of(row.Cells, key);
            var id = cell.Kind == JsonValueKind.String && cell.Text is { Length: > 0 } text ? IdOf(column, text) : null;
            var match = id is not null && ids.Contains(id);
            return none ? !match : match;
        };
    }

    public static readonly HashSet<string> ManyNames = new(StringComparer.Ordinal)
    {
        "has_any_of", "has_all_of", "has_none_of", "is_exactly", Predicates.IsEmpty, Predicates.IsNotEmpty,
    };

    public static RowFilter? Multiple(ContentColumn column, string predicate, JsonNode? term)
    {
        if (!ManyNames.Contains(predicate))
        {
            throw Predicates.Unmatched();
        }

        var key = column.Key;
        return Sets.Compile(predicate, term, terms => Ids(column, terms),
            row => [.. (CellText.Of(row.Cells, key).Items ?? []).Select(i => IdOf(column, i))]);
    }

    private static HashSet<string> Ids(ContentColumn column, IReadOnlyList<string> items) =>
        items.Select(i => IdOf(column, i)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The id of the option with this id or, failing that, this name; the text itself when none has.</summary>
    private static string IdOf(ContentColumn column, string idOrName)
    {
        var options = column.Data?["options"] as JsonArray ?? [];
        JsonObject? byName = null;
        foreach (var option in options.OfType<JsonObject>())
        {
            if (Text(option, "id") == idOrName)
            {
                return idOrName;
            }

            byName ??= Text(option, "name") == idOrName ? option : null;
        }

        return byName is not null ? Text(byName, "id") ?? idOrName : idOrName;
    }

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
