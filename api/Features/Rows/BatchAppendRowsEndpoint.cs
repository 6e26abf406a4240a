using Microsoft.AspNetCore.Http;
using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 POST …/batch-append-rows/ {table_name, rows (at most 1,000), [apply_default], [return_rows]}:
/// {"inserted_row_count": n}; with return_rows also the v2 fields (row_ids, first_row) and "rows", every new row.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class BatchAppendRowsEndpoint : BaseServerEndpoint<AppendRowsRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1("batch-append-rows"));
        BaseWrite();
        Summary(s => s.Summary = "Append up to 1,000 rows (base token with rw)");
        Description(b => b.Produces<InsertedRowsResponse>(200));
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
        await (reply.Error == ContentError.None
            ? Send.OkAsync(new InsertedRowsResponse(reply.Count), ct)
            : SendContentErrorAsync(reply, write: true));
    }
}

/// <summary>The answer of an append with return_rows, on v1 and v2.</summary>
internal static class ReturnedRows
{
    public static AppendRowsReturnedResponse Response(ContentReply reply)
    {
        var rows = JsonDocument.Parse(reply.Json!).RootElement;
        return new AppendRowsReturnedResponse(reply.Count, [.. reply.RowIds!.Select(id => new RowIdResponse(id))], rows[0], rows);
    }
}
