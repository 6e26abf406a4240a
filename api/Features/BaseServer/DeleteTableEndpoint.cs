using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>DELETE …/tables/ {table_name}: {"success": true}; its rows, links and the link columns to it go too.</summary>
public sealed class DeleteTableEndpoint : BaseServerEndpoint<DeleteTableRequest, SuccessResponse>
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1AndV2("tables"));
        BaseWrite();
        Summary(s => s.Summary = "Delete a table with its rows and the links to it (base token with rw)");
    }

    public override async Task HandleAsync(DeleteTableRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.DeleteTable(req.TableName!);
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendContentErrorAsync(reply, write: true));
    }
}
