using System.Text.Json;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v2 POST …/rows/ {table_name, rows (at most 1,000), [apply_default]}:
/// {"inserted_row_count": n, "row_ids": [{"_id"}], "first_row": {...}} (reference 9.3).
/// </summary>
public sealed class AppendRowsV2Endpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Post(Infrastructure.BaseTokens.BaseRoutes.V2("rows"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table) || await ArrayAsync(fields, "rows", RowLimits.Append) is not { } rows)
        {
            return;
        }

        var reply = await caller.Content.AppendRows(new AppendRowsCommand(table, rows.GetRawText(), caller.Actor, ApplyDefault(fields)));
        if (reply.Error != ContentError.None)
        {
            await SendContentErrorAsync(reply, write: true);
            return;
        }

        await JsonAsync(new Dictionary<string, object>
        {
            ["inserted_row_count"] = reply.Count,
            ["row_ids"] = reply.RowIds!.Select(id => new Dictionary<string, string> { ["_id"] = id }).ToList(),
            ["first_row"] = JsonDocument.Parse(reply.Json!).RootElement,
        });
    }
}
