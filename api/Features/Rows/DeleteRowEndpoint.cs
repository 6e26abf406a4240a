using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>v1 DELETE …/rows/ {table_name, row_id}: {"success": true, "deleted_rows": 0 or 1}.</summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class DeleteRowEndpoint : BaseServerEndpoint<DeleteRowRequest, DeletedRowsResponse>
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1("rows"));
        BaseWrite();
        Summary(s => s.Summary = "Delete one row (base token with rw)");
    }

    public override async Task HandleAsync(DeleteRowRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.DeleteRows(req.TableName!, [req.RowId!]);
        await (reply.Error == ContentError.None
            ? Send.OkAsync(new DeletedRowsResponse(true, reply.Count), ct)
            : SendContentErrorAsync(reply, write: true));
    }
}
