using System.Text.Json;
using FastEndpoints;
using FluentValidation;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Sql;

/// <summary>
/// POST …/query/{uuid}/ and …/sql/: one statement, {sql, convert_keys, parameters} (sql-reference.md 1.1). The body may
/// be larger than most calls' so that an over-long statement reaches the grain's own bound and its clear 4xx.
/// </summary>
[MaxBodyBytes(2 * 1024 * 1024)]
public sealed record SqlQueryRequest : BaseUuidRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("One statement: SELECT, UPDATE or DELETE (INSERT needs big data storage, which this server has not).")]
    public string? Sql { get; init; }

    [System.ComponentModel.Description("true: rows keyed by column name, select cells by option name; false (the default): by column key and option id.")]
    public Infrastructure.BoolField ConvertKeys { get; init; }

    [System.ComponentModel.Description("Values of the statement's \"?\" placeholders, in their order.")]
    public JsonElement Parameters { get; init; }

    [System.ComponentModel.Description("Accepted and ignored: this server has no big data storage besides the base.")]
    public Infrastructure.BoolField ServerOnly { get; init; }
}

/// <summary>
/// POST …/linked-records/{uuid}/ {table_id, link_column, rows} (dtable-db) and the gateway's …/query-links/ {table_id or
/// table_name, link_column_key or link_column_name, rows}: rows is [{row_id, offset (0), limit (10, at most 100)}].
/// </summary>
[MaxBodyBytes(1024 * 1024)]
public sealed record LinkedRecordsRequest : BaseUuidRequest
{
    [System.ComponentModel.Description("The table of the rows, by id (or name).")]
    public string? TableId { get; init; }

    [System.ComponentModel.Description("Gateway form: the table by name.")]
    public string? TableName { get; init; }

    [System.ComponentModel.Description("dtable-db form: the link column's key (its name is taken too).")]
    public string? LinkColumn { get; init; }

    [System.ComponentModel.Description("Gateway form: the link column's key.")]
    public string? LinkColumnKey { get; init; }

    [System.ComponentModel.Description("Gateway form: the link column's name.")]
    public string? LinkColumnName { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.Description("[{row_id, offset, limit}]: 1 to 1,000 rows, each paged on its own (offset 0 and limit 10 by default, limit at most 100).")]
    public JsonElement Rows { get; init; }

    public string Table => TableId is { Length: > 0 } id ? id : TableName ?? "";

    public string Column => LinkColumn is { Length: > 0 } key ? key : LinkColumnKey is { Length: > 0 } k ? k : LinkColumnName ?? "";
}

public sealed class SqlQueryValidator : Validator<SqlQueryRequest>
{
    public SqlQueryValidator()
    {
        RuleFor(r => r.Sql).Must(sql => !string.IsNullOrWhiteSpace(sql)).WithMessage(SqlErrorBodies.SqlMissing);
        RuleFor(r => r.ConvertKeys).NotEqual(Infrastructure.BoolField.Invalid).WithMessage("convert_keys invalid.");
        RuleFor(r => r.Parameters).Must(p => p.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Array)
            .WithMessage("parameters invalid.");
    }
}

public sealed class LinkedRecordsValidator : Validator<LinkedRecordsRequest>
{
    public LinkedRecordsValidator()
    {
        RuleFor(r => r.Table).NotEmpty().WithMessage("table_id invalid.");
        RuleFor(r => r.Column).NotEmpty().WithMessage("link_column invalid.");
        RuleFor(r => r.Rows).Must(rows => rows.ValueKind == JsonValueKind.Array && rows.GetArrayLength() > 0).WithMessage("rows invalid.");
        RuleFor(r => r.Rows).Must(rows => rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() <= SqlErrorBodies.MaxLinkedRecordsRows)
            .WithMessage($"rows exceeded: at most {SqlErrorBodies.MaxLinkedRecordsRows} rows per request.");
    }
}

/// <summary>A statement's answer: {"success": true, "results", "metadata"} (the grain writes it; described here for the document).</summary>
public sealed record SqlQueryResponse(
    bool Success,
    string ErrorMessage,
    bool IsJoinStmt,
    IReadOnlyList<Dictionary<string, object?>>? Metadata,
    IReadOnlyList<Dictionary<string, object?>>? Results);

/// <summary>SQL's error body: {"success": false, "error_message"}.</summary>
public sealed record SqlErrorResponse(bool Success, string ErrorMessage);

/// <summary>One linked row: its id and its display column's value.</summary>
public sealed record LinkedRecordDoc(string RowId, object? DisplayValue);
