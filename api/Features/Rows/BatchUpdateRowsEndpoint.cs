using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 PUT …/batch-update-rows/ and v2 PUT …/rows/ {table_name, updates: [{row_id, row}] (at most 1,000)}:
/// {"success": true}. All or nothing: an unknown row or a bad value refuses the whole batch.
/// </summary>
public sealed class BatchUpdateRowsEndpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Put([BaseRoutes.V1("batch-update-rows"), .. BaseRoutes.V2("rows")]);
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table) || await ArrayAsync(fields, "updates", RowLimits.Update) is not { } updates)
        {
            return;
        }

        var reply = await caller.Content.UpdateRows(new UpdateRowsCommand(table, updates.GetRawText(), caller.Actor));
        await (reply.Error == ContentError.None ? SuccessAsync() : SendContentErrorAsync(reply, write: true));
    }
}
