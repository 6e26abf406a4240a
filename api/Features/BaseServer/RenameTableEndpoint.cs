using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>PUT …/tables/ {table_name, new_table_name}: {"success": true}.</summary>
public sealed class RenameTableEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("tables"));
        BaseWrite();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller || await ReadFieldsAsync(ct) is not { } fields
            || await TableNameAsync(fields) is not { } name)
        {
            return;
        }

        if (fields.String("new_table_name") is not { Length: > 0 } newName)
        {
            await BadRequestAsync("new_table_name invalid.");
            return;
        }

        var reply = await caller.Content.RenameTable(name, newName);
        await (reply.Error == SeaTable.Grains.Content.ContentError.None ? SuccessAsync() : SendContentErrorAsync(reply, write: true));
    }
}
