using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 PUT …/batch-update-rows/ and v2 PUT …/rows/ {table_name, updates: [{row_id, row}] (at most 1,000)}:
/// {"success": true}. All or nothing: an unknown row or a bad value refuses the whole batch.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class BatchUpdateRowsEndpoint : BaseServerEndpoint<BatchUpdateRowsRequest, SuccessResponse>
{
    public override void Configure()
    {
        Put([BaseRoutes.V1("batch-update-rows"), .. BaseRoutes.V2("rows")]);
        BaseWrite();
        Summary(s => s.Summary = "Update up to 1,000 rows, all or nothing (base token with rw)");
    }

    public override async Task HandleAsync(BatchUpdateRowsRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var reply = await caller.Content.UpdateRows(new UpdateRowsCommand(req.TableName!, req.Updates.GetRawText(), caller.Actor));
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendContentErrorAsync(reply, write: true));
    }
}
