using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 DELETE …/batch-delete-rows/ and v2 DELETE …/rows/ {table_name, row_ids (at most 10,000)}:
/// {"success": true, "deleted_rows": n}; ids that are not there are skipped.
/// </summary>
public sealed class BatchDeleteRowsEndpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Delete([BaseRoutes.V1("batch-delete-rows"), .. BaseRoutes.V2("rows")]);
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table) || await RowIdsAsync(fields, RowLimits.Delete) is not { } rowIds)
        {
            return;
        }

        var reply = await caller.Content.DeleteRows(table, rowIds);
        await (reply.Error == ContentError.None ? DeletedAsync(reply.Count) : SendContentErrorAsync(reply, write: true));
    }
}
