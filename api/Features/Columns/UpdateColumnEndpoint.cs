using Microsoft.AspNetCore.Http;
using System.Text.Json;
using SeaTable.Api.Infrastructure;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>
/// PUT …/columns/ {table_name, op_type, column, …}: rename_column (new_column_name), resize_column
/// (new_column_width), freeze_column (frozen), move_column (target_column), modify_column_type
/// (new_column_type; existing cells converted). Answers the column as it is now.
/// </summary>
public sealed class UpdateColumnEndpoint : ColumnEndpoint<UpdateColumnRequest, object>
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("columns"));
        BaseWrite();
        Summary(s => s.Summary = "Rename, resize, freeze, move a column or change its type (base token with rw)");
        Description(b => b.Produces<ColumnDoc>(200));
    }

    public override async Task HandleAsync(UpdateColumnRequest req, CancellationToken ct)
    {
        var reply = await Columns.UpdateColumn(new UpdateColumnCommand(
            req.Table, req.OpType!, req.Column!, req.NewColumnName, req.NewColumnWidth,
            req.Frozen switch { BoolField.True => true, BoolField.False => false, _ => null },
            req.TargetColumn, req.NewColumnType, req.ColumnData.ValueKind == JsonValueKind.Object ? req.ColumnData.GetRawText() : null));
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendColumnErrorAsync(reply));
    }
}
