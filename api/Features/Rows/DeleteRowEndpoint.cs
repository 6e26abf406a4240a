using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>v1 DELETE …/rows/ {table_name, row_id}: {"success": true, "deleted_rows": 0 or 1}.</summary>
public sealed class DeleteRowEndpoint : RowWriteEndpoint
{
    public override void Configure()
    {
        Delete(Infrastructure.BaseTokens.BaseRoutes.V1("rows"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await BeginWriteAsync(ct) is not var (caller, fields, table))
        {
            return;
        }

        if (fields.String("row_id") is not { Length: > 0 } rowId)
        {
            await BadRequestAsync("row_id invalid.");
            return;
        }

        var reply = await caller.Content.DeleteRows(table, [rowId]);
        await (reply.Error == ContentError.None ? DeletedAsync(reply.Count) : SendContentErrorAsync(reply, write: true));
    }
}
