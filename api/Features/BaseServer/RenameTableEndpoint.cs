using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>PUT …/tables/ {table_name, new_table_name}: {"success": true}.</summary>
public sealed class RenameTableEndpoint : BaseServerEndpoint<RenameTableRequest, SuccessResponse>
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("tables"));
        BaseWrite();
        Summary(s => s.Summary = "Rename a table (base token with rw)");
    }

    public override async Task HandleAsync(RenameTableRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.RenameTable(req.TableName!, req.NewTableName!);
        await (reply.Error == ContentError.None ? Send.OkAsync(new SuccessResponse(), ct) : SendContentErrorAsync(reply, write: true));
    }
}
