using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 POST …/rows/ {table_name, row, [anchor_row_id, row_insert_position], [apply_default]}: appends the row,
/// or inserts it below (or "insert_above") the anchor row. Answers the new row keyed by column key.
/// </summary>
public sealed class AppendRowEndpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Post(Infrastructure.BaseTokens.BaseRoutes.V1("rows"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table) || await ObjectAsync(fields, "row") is not { } row)
        {
            return;
        }

        var anchor = fields.String("anchor_row_id") is { Length: > 0 } id ? id : null;
        var position = fields.String("row_insert_position");
        if (position is not (null or "" or "insert_below" or "insert_above"))
        {
            await BadRequestAsync("row_insert_position invalid.");
            return;
        }

        var reply = await caller.Content.AppendRows(new AppendRowsCommand(
            table, "[" + row.GetRawText() + "]", caller.Actor, ApplyDefault(fields), anchor, position == "insert_above"));
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: true));
    }
}
