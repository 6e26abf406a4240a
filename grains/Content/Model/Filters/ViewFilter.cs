using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// Filters joined by a conjunction ("And" or "Or"), applied to rows. <see cref="Compile"/> is strict (the
/// filtered-rows API and view updates answer its error); <see cref="Apply(JsonObject, FilterContext, IEnumerable{ContentRow})"/>
/// evaluates a stored view leniently: a filter that no longer fits its table (a deleted column) is left out,
/// as SeaTable shows such a view.
/// </summary>
internal static class ViewFilter
{
    public static IEnumerable<ContentRow> Apply(JsonObject view, FilterContext context, IEnumerable<ContentRow> rows)
    {
        var filters = new List<RowFilter>();
        foreach (var filter in view["filters"] as JsonArray ?? [])
        {
            try
            {
                if (FilterCompiler.Compile(filter, context) is { } compiled)
                {
                    filters.Add(compiled);
                }
            }
            catch (FilterException)
            {
                // Left out: see above.
            }
        }

        var any = string.Equals(view["filter_conjunction"]?.ToString(), "Or", StringComparison.OrdinalIgnoreCase);
        return Apply(filters, any, rows);
    }

    /// <summary>Every filter compiled, or the first error; incomplete filters are dropped.</summary>
    public static List<RowFilter> Compile(JsonArray filters, FilterContext context) =>
        [.. filters.Select(f => FilterCompiler.Compile(f, context)).OfType<RowFilter>()];

    public static IEnumerable<ContentRow> Apply(IReadOnlyList<RowFilter> filters, bool any, IEnumerable<ContentRow> rows)
    {
        if (filters.Count == 0)
        {
            return rows;
        }

        return rows.Where(row => any ? filters.Any(f => f(row)) : filters.All(f => f(row)));
    }

    /// <summary>"And" or "Or" (any case, as SeaTable's clients send either) to "Or?"; null when neither.</summary>
    public static bool? IsOr(string? conjunction) => conjunction?.ToLowerInvariant() switch
    {
        null or "" or "and" => false,
        "or" => true,
        _ => null,
    };
}
