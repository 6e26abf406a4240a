using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 DELETE …/batch-delete-rows/ and v2 DELETE …/rows/ {table_name, row_ids (at most 10,000)}:
/// {"success": true, "deleted_rows": n}; ids that are not there are skipped.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class BatchDeleteRowsEndpoint : BaseServerEndpoint<BatchDeleteRowsRequest, DeletedRowsResponse>
{
    public override void Configure()
    {
        Delete([BaseRoutes.V1("batch-delete-rows"), .. BaseRoutes.V2("rows")]);
        BaseWrite();
        Summary(s => s.Summary = "Delete up to 10,000 rows by id (base token with rw)");
    }

    public override async Task HandleAsync(BatchDeleteRowsRequest req, CancellationToken ct)
    {
        // The validator let only strings through.
        var rowIds = new List<string>(req.RowIds.GetArrayLength());
        foreach (var id in req.RowIds.EnumerateArray())
        {
            rowIds.Add(id.GetString()!);
        }

        var reply = await Caller.Content.DeleteRows(req.TableName!, rowIds);
        await (reply.Error == ContentError.None
            ? Send.OkAsync(new DeletedRowsResponse(true, reply.Count), ct)
            : SendContentErrorAsync(reply, write: true));
    }
}
