using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Columns of people. Collaborator (a list of user ids): has_any_of, has_all_of, has_none_of, is_exactly,
/// is_empty, is_not_empty, include_me. Creator and last modifier (one user id, from the row's system
/// fields): contains / does_not_contain (the user is / is not one of the term's), is, is_not, include_me,
/// is_empty, is_not_empty. "include_me" needs the caller: when it is unknown, no row matches.
/// "is_current_user_ID" and "is_me" are accepted for "include_me".
/// </summary>
internal static class PeopleFilters
{
    private static readonly HashSet<string> Me = new(StringComparer.Ordinal) { "include_me", "is_me", "is_current_user_ID" };

    public static readonly HashSet<string> CollaboratorNames = new(StringComparer.Ordinal)
    {
        "has_any_of", "has_all_of", "has_none_of", "is_exactly", Predicates.IsEmpty, Predicates.IsNotEmpty, "include_me", "is_me", "is_current_user_ID",
    };

    public static RowFilter? Collaborator(ContentColumn column, string predicate, JsonNode? term, FilterContext context)
    {
        if (!CollaboratorNames.Contains(predicate))
        {
            throw Predicates.Unmatched();
        }

        var key = column.Key;
        if (Me.Contains(predicate))
        {
            var user = context.CurrentUser;
            return row => user is not null && (CellText.Of(row.Cells, key).Items ?? []).Contains(user, StringComparer.Ordinal);
        }

        return Sets.Compile(predicate, term, items => items.ToHashSet(StringComparer.Ordinal),
            row => CellText.Of(row.Cells, key).Items ?? []);
    }

    public static readonly HashSet<string> RowUserNames = new(StringComparer.Ordinal)
    {
        "contains", "does_not_contain", "is", "is_not", Predicates.IsEmpty, Predicates.IsNotEmpty, "include_me", "is_me", "is_current_user_ID",
    };

    public static RowFilter? RowUser(ContentColumn column, string predicate, JsonNode? term, FilterContext context)
    {
        if (!RowUserNames.Contains(predicate))
        {
            throw Predicates.Unmatched();
        }

        Func<ContentRow, string?> user = column.Type == "creator" ? row => row.Creator : row => row.LastModifier;
        if (Predicates.Emptiness(predicate, row => string.IsNullOrEmpty(user(row))) is { } emptiness)
        {
            return emptiness;
        }

        if (Me.Contains(predicate))
        {
            var me = context.CurrentUser;
            return row => me is not null && user(row) == me;
        }

        if (FilterTerm.IsEmpty(term))
        {
            return null;
        }

        var users = FilterTerm.List(term).ToHashSet(StringComparer.Ordinal);
        var none = predicate is "does_not_contain" or "is_not";
        return row =>
        {
            var match = user(row) is { } id && users.Contains(id);
            return none ? !match : match;
        };
    }
}
