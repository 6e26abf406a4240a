using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model.Filters;

namespace SeaTable.Grains.Content.Model;

/// <summary>A view change SeaTable refuses: the error and its text.</summary>
internal sealed class ViewUpdateException(ContentError error, string detail) : Exception(detail)
{
    public ContentError Error { get; } = error;
}

/// <summary>
/// The body of PUT views/{name}/ turned into checked, normalized view fields, grouped by the operation that
/// logs them. Columns may be named by key or name; they are stored by key, as SeaTable's views hold them.
/// Nothing is changed here: the grain commits the result.
/// </summary>
internal static class ViewUpdates
{
    public const int MaxGroupBys = 3;

    public static List<(string OpType, JsonObject Fields)> Parse(JsonObject updates, JsonObject view, FilterContext context)
    {
        var table = context.Table;
        var result = new List<(string, JsonObject)>();
        if (updates.ContainsKey("name"))
        {
            var name = Str(updates["name"])?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                throw new ViewUpdateException(ContentError.ViewInvalid, "name invalid.");
            }

            if (name != Str(view["name"]))
            {
                if (table.ViewByName(name) is not null)
                {
                    throw new ViewUpdateException(ContentError.ViewExists, name);
                }

                result.Add(("rename_view", new JsonObject { ["name"] = name }));
            }
        }

        if (updates.ContainsKey("filters") || updates.ContainsKey("filter_conjunction"))
        {
            var filters = updates.ContainsKey("filters") ? Filters(updates["filters"], context) : view["filters"]?.DeepClone() ?? new JsonArray();
            var conjunction = updates.ContainsKey("filter_conjunction") ? updates["filter_conjunction"] : view["filter_conjunction"];
            if (conjunction is not null && (Str(conjunction) is not { } text || ViewFilter.IsOr(text) is null))
            {
                throw new ViewUpdateException(ContentError.ViewInvalid, FilterErrors.InvalidConjunction);
            }

            var or = ViewFilter.IsOr(Str(conjunction)) == true;
            result.Add(("modify_filters", new JsonObject { ["filters"] = filters, ["filter_conjunction"] = or ? "Or" : "And" }));
        }

        if (updates.ContainsKey("sorts"))
        {
            result.Add(("modify_sorts", new JsonObject { ["sorts"] = Sorts(updates["sorts"], table, "sorts", int.MaxValue) }));
        }

        if (updates.ContainsKey("groupbys"))
        {
            result.Add(("modify_groupbys", new JsonObject { ["groupbys"] = Sorts(updates["groupbys"], table, "groupbys", MaxGroupBys) }));
        }

        if (updates.ContainsKey("hidden_columns"))
        {
            result.Add(("modify_hidden_columns", new JsonObject { ["hidden_columns"] = HiddenColumns(updates["hidden_columns"], table) }));
        }

        if (updates.ContainsKey("is_locked"))
        {
            var locked = updates["is_locked"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? v.GetValue<bool>()
                : throw new ViewUpdateException(ContentError.ViewInvalid, "is_locked invalid.");
            result.Add(("modify_view_lock", new JsonObject { ["is_locked"] = locked }));
        }

        return result;
    }

    /// <summary>Filters checked as the filtered-rows API checks them, stored with column_key.</summary>
    public static JsonArray Filters(JsonNode? node, FilterContext context)
    {
        if (node is not JsonArray filters)
        {
            throw new ViewUpdateException(ContentError.ViewInvalid, FilterErrors.InvalidFilters);
        }

        var stored = new JsonArray();
        foreach (var filter in filters)
        {
            try
            {
                FilterCompiler.Compile(filter, context);
            }
            catch (FilterException e)
            {
                throw new ViewUpdateException(ContentError.ViewInvalid, e.Message);
            }

            var copy = filter!.DeepClone().AsObject();
            copy["column_key"] = FilterCompiler.ColumnOf(copy, context.Table)!.Key;
            copy.Remove("column_name");
            stored.Add(copy);
        }

        return stored;
    }

    /// <summary>Sorts and group-bys: [{column_key or column_name, sort_type "up"|"down", ...}].</summary>
    private static JsonArray Sorts(JsonNode? node, ContentTable table, string field, int max)
    {
        if (node is not JsonArray items || items.Count > max || items.Any(i => i is not JsonObject))
        {
            throw new ViewUpdateException(ContentError.ViewInvalid, $"{field} invalid.");
        }

        var stored = new JsonArray();
        foreach (var item in items.Cast<JsonObject>())
        {
            var column = (Str(item["column_key"]) is { } key ? table.ColumnByKey(key) : null)
                ?? (Str(item["column_name"]) is { } name ? table.ColumnByNameOrKey(name) : null)
                ?? throw new ViewUpdateException(ContentError.ColumnNotFound, Str(item["column_key"]) ?? Str(item["column_name"]) ?? "");
            var sortType = item["sort_type"] is null ? "up" : Str(item["sort_type"]);
            if (sortType is not ("up" or "down"))
            {
                throw new ViewUpdateException(ContentError.ViewInvalid, $"{field} invalid.");
            }

            var copy = item.DeepClone().AsObject();
            copy.Remove("column_name");
            copy["column_key"] = column.Key;
            copy["sort_type"] = sortType;
            stored.Add(copy);
        }

        return stored;
    }

    private static JsonArray HiddenColumns(JsonNode? node, ContentTable table)
    {
        if (node is not JsonArray items)
        {
            throw new ViewUpdateException(ContentError.ViewInvalid, "hidden_columns invalid.");
        }

        var keys = new JsonArray();
        foreach (var item in items)
        {
            var text = Str(item) ?? throw new ViewUpdateException(ContentError.ViewInvalid, "hidden_columns invalid.");
            var column = table.ColumnByKey(text) ?? table.ColumnByName(text) ?? throw new ViewUpdateException(ContentError.ColumnNotFound, text);
            if (!keys.Any(k => k!.GetValue<string>() == column.Key))
            {
                keys.Add(column.Key);
            }
        }

        return keys;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
