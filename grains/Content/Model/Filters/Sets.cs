using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// The list predicates shared by multiple select, collaborator and link columns: has_any_of, has_all_of,
/// has_none_of, is_exactly (the same items, in any order), is_empty, is_not_empty.
/// </summary>
internal static class Sets
{
    public static RowFilter? Compile(string predicate, JsonNode? term, Func<IReadOnlyList<string>, HashSet<string>> resolve, Func<ContentRow, IReadOnlyCollection<string>> items)
    {
        if (Predicates.Emptiness(predicate, row => items(row).Count == 0) is { } emptiness)
        {
            return emptiness;
        }

        if (FilterTerm.IsEmpty(term))
        {
            return null;
        }

        var wanted = resolve(FilterTerm.List(term));
        return predicate switch
        {
            "has_any_of" => row => items(row).Any(wanted.Contains),
            "has_all_of" => row => wanted.IsSubsetOf(items(row)),
            "has_none_of" => row => !items(row).Any(wanted.Contains),
            "is_exactly" => row => wanted.SetEquals(items(row)),
            _ => throw Predicates.Unmatched(),
        };
    }
}
