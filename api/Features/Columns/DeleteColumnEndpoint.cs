using SeaTable.Api.Infrastructure;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Columns;

/// <summary>DELETE …/columns/ {table_name, column}: {"success": true}. Not the first column; a link column takes the other table's side with it.</summary>
public sealed class DeleteColumnEndpoint : ColumnEndpoint<DeleteColumnRequest, SuccessResponse>
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1AndV2("columns"));
        BaseWrite();
        Summary(s => s.Summary = "Delete a column (base token with rw)");
    }

    public override async Task HandleAsync(DeleteColumnRequest req, CancellationToken ct)
    {
        var reply = await Columns.DeleteColumn(req.Table, req.Column!);
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendColumnErrorAsync(reply));
    }
}
