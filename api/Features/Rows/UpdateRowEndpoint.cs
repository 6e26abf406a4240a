using System.Text.Json;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>v1 PUT …/rows/ {table_name, row_id, row}: {"success": true}; 400 row_not_exist for an unknown row.</summary>
public sealed class UpdateRowEndpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Put(Infrastructure.BaseTokens.BaseRoutes.V1("rows"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table) || await ObjectAsync(fields, "row") is not { } row)
        {
            return;
        }

        if (fields.String("row_id") is not { Length: > 0 } rowId)
        {
            await BadRequestAsync("row_id invalid.");
            return;
        }

        var updates = $"[{{\"row_id\":{JsonSerializer.Serialize(rowId)},\"row\":{row.GetRawText()}}}]";
        var reply = await caller.Content.UpdateRows(new UpdateRowsCommand(table, updates, caller.Actor));
        await (reply.Error == ContentError.None ? SuccessAsync() : SendContentErrorAsync(reply, write: true));
    }
}
