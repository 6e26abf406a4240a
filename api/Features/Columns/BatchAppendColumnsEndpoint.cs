using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>POST …/batch-append-columns/ {table_name, columns: [{column_name, column_type, column_data}]}: {"columns": [...]}, all or none.</summary>
public sealed class BatchAppendColumnsEndpoint : ColumnEndpoint<BatchAppendColumnsRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("batch-append-columns"));
        BaseWrite();
        Summary(s => s.Summary = "Add several columns at the end of a table (base token with rw)");
        Description(b => b.Produces<ColumnListDoc>(200));
    }

    public override async Task HandleAsync(BatchAppendColumnsRequest req, CancellationToken ct)
    {
        var reply = await Columns.AddColumns(new AddColumnsCommand(req.Table, req.Columns.GetRawText()));
        await (reply.Json is { } json ? SendWrappedAsync("columns", json) : SendColumnErrorAsync(reply));
    }
}
