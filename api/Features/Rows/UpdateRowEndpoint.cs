using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>v1 PUT …/rows/ {table_name, row_id, row}: {"success": true}; 400 row_not_exist for an unknown row.</summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class UpdateRowEndpoint : BaseServerEndpoint<UpdateRowRequest, SuccessResponse>
{
    public override void Configure()
    {
        Put(BaseRoutes.V1("rows"));
        BaseWrite();
        Summary(s => s.Summary = "Update one row (base token with rw)");
    }

    public override async Task HandleAsync(UpdateRowRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var updates = $"[{{\"row_id\":{JsonSerializer.Serialize(req.RowId)},\"row\":{req.Row.GetRawText()}}}]";
        var reply = await caller.Content.UpdateRows(new UpdateRowsCommand(req.TableName!, updates, caller.Actor));
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendContentErrorAsync(reply, write: true));
    }
}
