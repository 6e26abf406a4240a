using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>v1 POST …/batch-append-rows/ {table_name, rows (at most 1,000), [apply_default]}: {"inserted_row_count": n}.</summary>
public sealed class BatchAppendRowsEndpoint : BaseServerEndpoint<AppendRowsRequest, InsertedRowsResponse>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1("batch-append-rows"));
        BaseWrite();
        Summary(s => s.Summary = "Append up to 1,000 rows (base token with rw)");
    }

    public override async Task HandleAsync(AppendRowsRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var reply = await caller.Content.AppendRows(new AppendRowsCommand(req.TableName!, req.Rows.GetRawText(), caller.Actor, req.ApplyDefault == BoolField.True));
        await (reply.Error == ContentError.None
            ? Send.OkAsync(new InsertedRowsResponse(reply.Count), ct)
            : SendContentErrorAsync(reply, write: true));
    }
}
