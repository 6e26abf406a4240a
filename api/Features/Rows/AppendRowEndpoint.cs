using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// v1 POST …/rows/ {table_name, row, [anchor_row_id, row_insert_position], [apply_default]}: appends the row,
/// or inserts it below (or "insert_above") the anchor row. Answers the new row keyed by column key.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class AppendRowEndpoint : BaseServerEndpoint<AppendRowRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1("rows"));
        BaseWrite();
        Summary(s => s.Summary = "Append a row, or insert it next to another (base token with rw)");
        Description(b => b.Produces<System.Text.Json.JsonElement>(200));
    }

    public override async Task HandleAsync(AppendRowRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var reply = await caller.Content.AppendRows(new AppendRowsCommand(
            req.TableName!, "[" + req.Row.GetRawText() + "]", caller.Actor, req.ApplyDefault == BoolField.True,
            req.AnchorRowId is { Length: > 0 } anchor ? anchor : null, req.RowInsertPosition == "insert_above"));
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: true));
    }
}
