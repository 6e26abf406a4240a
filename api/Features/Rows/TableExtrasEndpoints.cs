using Microsoft.AspNetCore.Http;
using FluentValidation;
using SeaTable.Api.Infrastructure.Binding;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>A call on one table named by table_name or, as SeaTable's clients also send, table_id.</summary>
public record TableByNameOrIdRequest : BaseUuidRequest
{
    public string? TableName { get; init; }

    public string? TableId { get; init; }

    public string Table => TableName is { Length: > 0 } name ? name : TableId ?? "";
}

public sealed record TableMetadataRequest : TableByNameOrIdRequest;

public sealed class TableMetadataValidator : Validator<TableMetadataRequest>
{
    public TableMetadataValidator() =>
        RuleFor(r => r.Table).Must(t => t.Length > 0).WithMessage("table_name invalid.");
}

/// <summary>GET …/metadata/table/?table_name= (v1 and v2): {"metadata": {_id, name, columns, views}}, one table's part of metadata/.</summary>
public sealed class TableMetadataEndpoint : BaseServerEndpoint<TableMetadataRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("metadata/table"));
        BaseRead();
        Summary(s => s.Summary = "One table's columns and views (base token)");
        Description(b => b.Produces<TableMetadataDoc>(200));
    }

    public override async Task HandleAsync(TableMetadataRequest req, CancellationToken ct)
    {
        var reply = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(Caller.Uuid).GetTableMetadata(req.Table);
        await (reply.Json is { } json ? SendWrappedAsync("metadata", json) : SendContentErrorAsync(reply, write: false));
    }
}

/// <summary>The documented shape of metadata/table/ (the grain writes it raw).</summary>
public sealed record TableMetadataDoc(System.Text.Json.JsonElement Metadata);

public sealed record DuplicateTableRequest : TableByNameOrIdRequest
{
    [System.ComponentModel.Description("Copy the rows too (true) or only the columns and views (false, the default).")]
    public BoolField IsDuplicateRecords { get; init; }
}

public sealed class DuplicateTableValidator : Validator<DuplicateTableRequest>
{
    public DuplicateTableValidator()
    {
        RuleFor(r => r.Table).Must(t => t.Length > 0).WithMessage("table_name invalid.");
        RuleFor(r => r.IsDuplicateRecords).Must(f => f != BoolField.Invalid).WithMessage("is_duplicate_records invalid.");
    }
}

/// <summary>
/// POST …/tables/duplicate-table/ {table_name, is_duplicate_records} (v1 and v2): a copy named "&lt;name&gt;(copy)"
/// with the columns (same keys) and views, a link column becoming a new link to the same other table (with its
/// column there), and with is_duplicate_records the rows under new ids and their links; answers the new table
/// with its rows. A copy's name already taken: 400 "table &lt;name&gt;(copy) already exists".
/// </summary>
public sealed class DuplicateTableEndpoint : BaseServerEndpoint<DuplicateTableRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("tables/duplicate-table"));
        BaseWrite();
        Summary(s => s.Summary = "Copy a table, with or without its rows (base token with rw)");
        Description(b => b.Produces<System.Text.Json.JsonElement>(200));
    }

    public override async Task HandleAsync(DuplicateTableRequest req, CancellationToken ct)
    {
        var reply = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(Caller.Uuid).DuplicateTable(req.Table, req.IsDuplicateRecords == BoolField.True);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: true));
    }
}
