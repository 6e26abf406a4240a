using System.Globalization;
using System.Text.Json;
using FluentValidation;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// A row write: "table_name" and the rows as JsonElements of the body the middleware already parsed (no copy of
/// the row JSON before the grain call). Up to 1,000 rows: far larger bodies than other calls'.
/// </summary>
[MaxBodyBytes(16 * 1024 * 1024)]
public abstract record RowWriteRequest : BaseTableRequest;

public sealed record AppendRowRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The new row: cells by column name (or key).")]
    public JsonElement Row { get; init; }

    [System.ComponentModel.Description("Insert next to this row instead of appending.")]
    public string? AnchorRowId { get; init; }

    [System.ComponentModel.Description("\"insert_below\" (the default) or \"insert_above\" the anchor row.")]
    public string? RowInsertPosition { get; init; }

    [System.ComponentModel.Description("Fill the columns' default values into cells not sent.")]
    public BoolField ApplyDefault { get; init; }
}

public sealed class AppendRowValidator : Validator<AppendRowRequest>
{
    public AppendRowValidator()
    {
        this.RequireTableName();
        this.RequireObject(r => r.Row, "row");
        RuleFor(r => r.RowInsertPosition).Must(p => p is null or "" or "insert_below" or "insert_above")
            .WithMessage("row_insert_position invalid.");
    }
}

public sealed record AppendRowsRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The new rows (1 to 1,000): cells by column name (or key).")]
    public JsonElement Rows { get; init; }

    [System.ComponentModel.Description("Fill the columns' default values into cells not sent.")]
    public BoolField ApplyDefault { get; init; }

    [System.ComponentModel.Description("Answer every new row too (\"rows\", by column key).")]
    public BoolField ReturnRows { get; init; }
}

public sealed class AppendRowsValidator : Validator<AppendRowsRequest>
{
    public AppendRowsValidator()
    {
        this.RequireTableName();
        this.RequireArray(r => r.Rows, "rows", RowLimits.Append);
    }
}

public sealed record BatchUpdateRowsRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("[{row_id, row}] (1 to 1,000).")]
    public JsonElement Updates { get; init; }
}

public sealed class BatchUpdateRowsValidator : Validator<BatchUpdateRowsRequest>
{
    public BatchUpdateRowsValidator()
    {
        this.RequireTableName();
        this.RequireArray(r => r.Updates, "updates", RowLimits.Update);
    }
}

public sealed record BatchDeleteRowsRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The ids of the rows to delete (1 to 10,000); ids not there are skipped.")]
    public JsonElement RowIds { get; init; }
}

public sealed class BatchDeleteRowsValidator : Validator<BatchDeleteRowsRequest>
{
    public BatchDeleteRowsValidator()
    {
        this.RequireTableName();
        this.RequireArray(r => r.RowIds, "row_ids", RowLimits.Delete);
        RuleFor(r => r.RowIds).Must(ids => ids.ValueKind != JsonValueKind.Array || AllStrings(ids)).WithMessage("row_ids invalid.");
    }

    private static bool AllStrings(JsonElement ids)
    {
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }
}

public sealed record DeleteRowRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? RowId { get; init; }
}

public sealed class DeleteRowValidator : Validator<DeleteRowRequest>
{
    public DeleteRowValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.RowId).Must(id => id is { Length: > 0 }).WithMessage("row_id invalid.");
    }
}

public sealed record UpdateRowRequest : RowWriteRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? RowId { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("The cells to change, by column name (or key).")]
    public JsonElement Row { get; init; }
}

public sealed class UpdateRowValidator : Validator<UpdateRowRequest>
{
    public UpdateRowValidator()
    {
        // dtable-server checks the row before the row id.
        this.RequireTableName();
        this.RequireObject(r => r.Row, "row");
        RuleFor(r => r.RowId).Must(id => id is { Length: > 0 }).WithMessage("row_id invalid.");
    }
}

/// <summary>
/// The row reads' query. The numbers and flags stay strings: dtable-server answers any bad one with
/// "params invalid", not the binder's "&lt;name&gt; invalid.".
/// </summary>
public record RowReadRequest : BaseTableRequest
{
    [System.ComponentModel.Description("Cells keyed by column name (true, the default) or by column key (false; v2).")]
    public string? ConvertKeys { get; init; }

    [System.ComponentModel.Description("Link cells as the linked rows' display values (true) or as row ids (false, the default).")]
    public string? ConvertLinkId { get; init; }

    public bool ByName => RowQueryText.Flag(ConvertKeys, true) ?? true;

    public bool LinksConverted => RowQueryText.Flag(ConvertLinkId, false) ?? false;

    /// <summary>The gateway's default is the other way round: its link cells are {row_id, display_value} unless told otherwise.</summary>
    public bool GatewayLinksConverted => RowQueryText.Flag(ConvertLinkId, true) ?? true;

    /// <summary>Whether the flags parse (the validator's "params invalid").</summary>
    public virtual bool ParamsValid => RowQueryText.Flag(ConvertKeys, true) is not null && RowQueryText.Flag(ConvertLinkId, false) is not null;
}

public sealed record GetRowRequest : RowReadRequest
{
    public string RowId { get; init; } = "";
}

public sealed class GetRowValidator : Validator<GetRowRequest>
{
    public GetRowValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.ParamsValid).Equal(true).WithMessage("params invalid");
    }
}

public sealed record ListRowsRequest : RowReadRequest
{
    [System.ComponentModel.Description("Apply this view's filters and sorts.")]
    public string? ViewName { get; init; }

    [System.ComponentModel.Description("Sort by this column first.")]
    public string? OrderBy { get; init; }

    [System.ComponentModel.Description("\"asc\" (the default) or \"desc\".")]
    public string? Direction { get; init; }

    [System.ComponentModel.Description("The first row's offset (default 0).")]
    public string? Start { get; init; }

    [System.ComponentModel.Description("At most this many rows (default and limit 1,000).")]
    public string? Limit { get; init; }

    public bool Descending => string.Equals(Direction, "desc", StringComparison.OrdinalIgnoreCase);

    public override bool ParamsValid =>
        RowQueryText.Int(Start, 0) is not null && RowQueryText.Int(Limit, RowLimits.List) is not null
        && (string.IsNullOrEmpty(Direction) || Direction.Equals("asc", StringComparison.OrdinalIgnoreCase) || Descending)
        && base.ParamsValid;
}

public sealed class ListRowsValidator : Validator<ListRowsRequest>
{
    public ListRowsValidator()
    {
        this.RequireTableName();
        RuleFor(r => r.ParamsValid).Equal(true).WithMessage("params invalid");
    }
}

/// <summary>dtable-server's query numbers and flags.</summary>
public static class RowQueryText
{
    /// <summary>A non-negative integer, the fallback when absent, or null when it does not parse.</summary>
    public static int? Int(string? text, int fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>true/1, false/0 (any case), the fallback when absent, or null otherwise.</summary>
    public static bool? Flag(string? text, bool fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1")
        {
            return true;
        }

        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0" ? false : null;
    }
}

public static class RowRules
{
    /// <summary>The body's object field: "&lt;name&gt; invalid." otherwise.</summary>
    public static void RequireObject<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, JsonElement>> field, string name) =>
        validator.RuleFor(field).Must(value => value.ValueKind == JsonValueKind.Object).WithMessage($"{name} invalid.");

    /// <summary>The body's array field with 1..limit items: "&lt;name&gt; invalid.", then SeaTable's limit text.</summary>
    public static void RequireArray<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, JsonElement>> field, string name, int limit)
    {
        validator.RuleFor(field).Must(value => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0).WithMessage($"{name} invalid.");
        validator.RuleFor(field).Must(value => value.ValueKind != JsonValueKind.Array || value.GetArrayLength() <= limit).WithMessage(RowLimits.TooMany(limit));
    }
}

/// <summary>{"success": true, "deleted_rows": n}.</summary>
public sealed record DeletedRowsResponse(bool Success, long DeletedRows);

/// <summary>{"inserted_row_count": n} (v1 batch append).</summary>
public sealed record InsertedRowsResponse(long InsertedRowCount);

/// <summary>An append with return_rows: the v2 answer and every new row (by column key).</summary>
public sealed record AppendRowsReturnedResponse(long InsertedRowCount, IReadOnlyList<RowIdResponse> RowIds, JsonElement FirstRow, JsonElement Rows);

/// <summary>v2 append (reference 9.3): the count, the new ids and the first new row.</summary>
public sealed record AppendRowsV2Response(long InsertedRowCount, IReadOnlyList<RowIdResponse> RowIds, JsonElement FirstRow);

public sealed record RowIdResponse([property: System.Text.Json.Serialization.JsonPropertyName("_id")] string Id);

/// <summary>The documented shape of GET …/rows/ (the grain writes it raw).</summary>
public sealed record RowListDoc(IReadOnlyList<JsonElement> Rows);
