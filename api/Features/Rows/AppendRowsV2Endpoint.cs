using Microsoft.AspNetCore.Http;
using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v2 POST …/rows/ {table_name, rows (at most 1,000), [apply_default], [return_rows]}:
/// {"inserted_row_count": n, "row_ids": [{"_id"}], "first_row": {...}} (reference 9.3); return_rows adds "rows", every new row.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class AppendRowsV2Endpoint : BaseServerEndpoint<AppendRowsRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V2("rows"));
        BaseWrite();
        Summary(s => s.Summary = "Append up to 1,000 rows (base token with rw)");
        Description(b => b.Produces<AppendRowsV2Response>(200));
    }

    public override async Task HandleAsync(AppendRowsRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var command = new AppendRowsCommand(req.TableName!, req.Rows.GetRawText(), caller.Actor, req.ApplyDefault == BoolField.True);
        if (req.ReturnRows == BoolField.True)
        {
            var returned = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(caller.Uuid).AppendRowsReturning(command);
            await (returned.Error == ContentError.None ? Send.OkAsync(ReturnedRows.Response(returned), ct) : SendContentErrorAsync(returned, write: true));
            return;
        }

        var reply = await caller.Content.AppendRows(command);
        if (reply.Error != ContentError.None)
        {
            await SendContentErrorAsync(reply, write: true);
            return;
        }

        var ids = reply.RowIds!;
        var rowIds = new RowIdResponse[ids.Count];
        for (var i = 0; i < rowIds.Length; i++)
        {
            rowIds[i] = new RowIdResponse(ids[i]);
        }

        await Send.OkAsync(new AppendRowsV2Response(reply.Count, rowIds, JsonDocument.Parse(reply.Json!).RootElement), ct);
    }
}
