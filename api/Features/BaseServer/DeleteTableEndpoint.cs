using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>DELETE …/tables/ {table_name}: {"success": true}; its rows, links and the link columns to it go too.</summary>
public sealed class DeleteTableEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1AndV2("tables"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller || await ReadFieldsAsync(ct) is not { } fields
            || await TableNameAsync(fields) is not { } name)
        {
            return;
        }

        var reply = await caller.Content.DeleteTable(name);
        await (reply.Error == SeaTable.Grains.Content.ContentError.None ? SuccessAsync() : SendContentErrorAsync(reply, write: true));
    }
}
