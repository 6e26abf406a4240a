using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>v1 POST …/batch-append-rows/ {table_name, rows (at most 1,000), [apply_default]}: {"inserted_row_count": n}.</summary>
public sealed class BatchAppendRowsEndpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Post(Infrastructure.BaseTokens.BaseRoutes.V1("batch-append-rows"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table) || await ArrayAsync(fields, "rows", RowLimits.Append) is not { } rows)
        {
            return;
        }

        var reply = await caller.Content.AppendRows(new AppendRowsCommand(table, rows.GetRawText(), caller.Actor, ApplyDefault(fields)));
        await (reply.Error == ContentError.None
            ? JsonAsync(new Dictionary<string, long> { ["inserted_row_count"] = reply.Count })
            : SendContentErrorAsync(reply, write: true));
    }
}
