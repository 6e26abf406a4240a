using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model.Filters;

/// <summary>
/// One filter ({column_key or column_name, filter_predicate, filter_term, filter_term_modifier}) compiled for
/// its column's type. Throws <see cref="FilterException"/> with SeaTable's text for a missing column, a
/// predicate or modifier the column type does not have, or a term of the wrong kind; answers null for an
/// incomplete filter (no term yet), which passes every row.
/// </summary>
internal static class FilterCompiler
{
    public static RowFilter? Compile(JsonNode? node, FilterContext context)
    {
        if (node is not JsonObject filter)
        {
            throw new FilterException(FilterErrors.InvalidFilter);
        }

        var column = ColumnOf(filter, context.Table) ?? throw new FilterException(FilterErrors.ColumnMissing);
        var predicate = Text(filter["filter_predicate"]) ?? throw new FilterException(FilterErrors.InvalidFilter);
        var term = filter["filter_term"];
        var modifier = filter["filter_term_modifier"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new FilterException(FilterErrors.UnmatchedModifier),
        };
        return column.Type switch
        {
            ColumnTypes.Text or ColumnTypes.LongText or "email" or "url" or "auto-number" or "geolocation" => TextFilters.Compile(column, predicate, term, context),
            ColumnTypes.Number or "rate" or "duration" => NumberFilters.Compile(column, predicate, term),
            ColumnTypes.Checkbox => CheckboxFilter.Compile(column, predicate, term),
            ColumnTypes.Date or "ctime" or "mtime" => DateFilters.Compile(column, predicate, term, modifier, context),
            ColumnTypes.SingleSelect => OptionFilters.Single(column, predicate, term),
            ColumnTypes.MultipleSelect => OptionFilters.Multiple(column, predicate, term),
            "collaborator" => PeopleFilters.Collaborator(column, predicate, term, context),
            "creator" or "last-modifier" => PeopleFilters.RowUser(column, predicate, term, context),
            ColumnTypes.Link => LinkFilters.Compile(column, predicate, term, context),
            // Formula results are not computed by this server: their cells are empty, so the text and
            // number predicates apply to what is stored (imported values).
            "formula" or "link-formula" => NumberFilters.Names.Contains(predicate)
                ? NumberFilters.Compile(column, predicate, term)
                : TextFilters.Compile(column, predicate, term, context),
            "file" or "image" or "digital-sign" => Predicates.Emptiness(predicate, row => CellText.Of(row.Cells, column.Key).IsEmpty) ?? throw Predicates.Unmatched(),
            _ => throw new FilterException(FilterErrors.ColumnNotSupported),
        };
    }

    /// <summary>The column a filter names: by key (views store keys), else by name (the filtered-rows API).</summary>
    public static ContentColumn? ColumnOf(JsonObject filter, ContentTable table) =>
        Text(filter["column_key"]) is { } key && table.ColumnByKey(key) is { } byKey ? byKey
        : Text(filter["column_name"]) is { } name ? table.ColumnByNameOrKey(name)
        : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
