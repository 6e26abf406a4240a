using System.Text.Json;
using FluentValidation;
using SeaTable.Api.Features.Rows;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Links;

/// <summary>
/// What every links call names: the link column's link_id, the table of the rows and the other table, each by
/// name or by id (the Python client sends names, adding the id where the name looks like one; the npm client's
/// updateLink and batchUpdateLinks send ids only). Maps of up to 1,000 rows: bodies larger than most calls'.
/// </summary>
[MaxBodyBytes(16 * 1024 * 1024)]
public abstract record LinksRequest : BaseUuidRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The link column's link_id (its column data's \"link_id\", not its key).")]
    public string? LinkId { get; init; }

    [System.ComponentModel.Description("The table of the rows (or table_id).")]
    public string? TableName { get; init; }

    public string? TableId { get; init; }

    [System.ComponentModel.Description("The link's other table (or other_table_id).")]
    public string? OtherTableName { get; init; }

    public string? OtherTableId { get; init; }

    public string Table => TableName is { Length: > 0 } name ? name : TableId ?? "";

    public string OtherTable => OtherTableName is { Length: > 0 } name ? name : OtherTableId ?? "";
}

/// <summary>POST and DELETE …/links/: one pair (table_row_id, other_table_row_id) or the batch form's other_rows_ids_map.</summary>
public sealed record ChangeLinksRequest : LinksRequest
{
    [System.ComponentModel.Description("Single form: the row of the table.")]
    public string? TableRowId { get; init; }

    [System.ComponentModel.Description("Single form: the row of the other table.")]
    public string? OtherTableRowId { get; init; }

    [System.ComponentModel.Description("Batch form: {row_id: [other row ids]} (1 to 1,000 rows).")]
    public JsonElement OtherRowsIdsMap { get; init; }

    public bool IsBatch => OtherRowsIdsMap.ValueKind != JsonValueKind.Undefined;
}

/// <summary>
/// PUT …/links/: one row's links replaced, {row_id, other_rows_ids} (v1, the Python and npm clients' update_link),
/// or the gateway's form {row_id_list, other_rows_ids_map}.
/// </summary>
public sealed record UpdateLinksRequest : LinksRequest
{
    [System.ComponentModel.Description("The row whose links are replaced.")]
    public string? RowId { get; init; }

    [System.ComponentModel.Description("Its links afterwards: ids of rows of the other table (empty: no links).")]
    public JsonElement OtherRowsIds { get; init; }

    [System.ComponentModel.Description("Gateway form: the rows whose links are replaced (the map's rows when left out).")]
    public JsonElement RowIdList { get; init; }

    [System.ComponentModel.Description("Gateway form: {row_id: [other row ids]}; a listed row left out of the map loses its links.")]
    public JsonElement OtherRowsIdsMap { get; init; }

    public bool IsBatch => OtherRowsIdsMap.ValueKind != JsonValueKind.Undefined || RowIdList.ValueKind != JsonValueKind.Undefined;
}

/// <summary>PUT …/batch-update-links/ {link_id, table_id, other_table_id, row_id_list, other_rows_ids_map}.</summary>
public sealed record BatchUpdateLinksRequest : LinksRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The rows whose links are replaced (1 to 1,000).")]
    public JsonElement RowIdList { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("{row_id: [other row ids]}; a listed row left out of the map loses its links.")]
    public JsonElement OtherRowsIdsMap { get; init; }
}

/// <summary>The links calls' input rules, in dtable-server's order: link, tables, then the rows.</summary>
public static class LinkRules
{
    public const int MaxRows = RowLimits.Update;

    public static void RequireLinkAndTables<T>(this AbstractValidator<T> validator) where T : LinksRequest
    {
        validator.RuleFor(r => r.LinkId).Must(id => id is { Length: > 0 }).WithMessage("link_id invalid.");
        validator.RuleFor(r => r.Table).Must(t => t.Length > 0).WithMessage("table_name invalid.");
        validator.RuleFor(r => r.OtherTable).Must(t => t.Length > 0).WithMessage("other_table_name invalid.");
    }

    /// <summary>{row_id: [ids]} with 1 (0 when <paramref name="allowEmpty"/>) to 1,000 rows; null when it is not one.</summary>
    public static List<LinkRows>? Map(JsonElement map, bool allowEmpty = false)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var rows = new List<LinkRows>();
        foreach (var row in map.EnumerateObject())
        {
            if (row.Name.Length == 0 || Ids(row.Value, allowEmpty: true) is not { } others || rows.Count >= MaxRows)
            {
                return null;
            }

            rows.Add(new LinkRows(row.Name, others));
        }

        return rows.Count > 0 || allowEmpty ? rows : null;
    }

    /// <summary>An array of non-empty strings (at least one unless <paramref name="allowEmpty"/>); null otherwise.</summary>
    public static List<string>? Ids(JsonElement ids, bool allowEmpty)
    {
        if (ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() > RowLimits.Delete || (!allowEmpty && ids.GetArrayLength() == 0))
        {
            return null;
        }

        var list = new List<string>(ids.GetArrayLength());
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } text)
            {
                return null;
            }

            list.Add(text);
        }

        return list;
    }
}

public sealed class ChangeLinksValidator : Validator<ChangeLinksRequest>
{
    public ChangeLinksValidator()
    {
        this.RequireLinkAndTables();
        When(r => r.IsBatch, () =>
            RuleFor(r => r.OtherRowsIdsMap).Must(m => LinkRules.Map(m) is not null).WithMessage("other_rows_ids_map invalid."));
        When(r => !r.IsBatch, () =>
        {
            RuleFor(r => r.TableRowId).Must(id => id is { Length: > 0 }).WithMessage("table_row_id invalid.");
            RuleFor(r => r.OtherTableRowId).Must(id => id is { Length: > 0 }).WithMessage("other_table_row_id invalid.");
        });
    }
}

public sealed class UpdateLinksValidator : Validator<UpdateLinksRequest>
{
    public UpdateLinksValidator()
    {
        this.RequireLinkAndTables();
        When(r => r.IsBatch, () =>
        {
            RuleFor(r => r.RowIdList).Must(l => l.ValueKind == JsonValueKind.Undefined || LinkRules.Ids(l, allowEmpty: false) is { Count: <= LinkRules.MaxRows })
                .WithMessage("row_id_list invalid.");
            RuleFor(r => r.OtherRowsIdsMap).Must((r, m) => LinkRules.Map(m, allowEmpty: r.RowIdList.ValueKind != JsonValueKind.Undefined) is not null)
                .WithMessage("other_rows_ids_map invalid.");
        });
        When(r => !r.IsBatch, () =>
        {
            RuleFor(r => r.RowId).Must(id => id is { Length: > 0 }).WithMessage("row_id invalid.");
            RuleFor(r => r.OtherRowsIds).Must(ids => LinkRules.Ids(ids, allowEmpty: true) is not null).WithMessage("other_rows_ids invalid.");
        });
    }
}

public sealed class BatchUpdateLinksValidator : Validator<BatchUpdateLinksRequest>
{
    public BatchUpdateLinksValidator()
    {
        this.RequireLinkAndTables();
        RuleFor(r => r.RowIdList).Must(l => LinkRules.Ids(l, allowEmpty: false) is { Count: <= LinkRules.MaxRows }).WithMessage("row_id_list invalid.");
        RuleFor(r => r.OtherRowsIdsMap).Must(m => LinkRules.Map(m, allowEmpty: true) is not null).WithMessage("other_rows_ids_map invalid.");
    }
}

/// <summary>{"success": true}; the gateway's delete adds "deleted_links_count".</summary>
public sealed record LinksResponse(
    bool Success,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? DeletedLinksCount = null);
