using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET …/views/?table_name=: {"views": [...]}.</summary>
public sealed class ListViewsEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("views"));
        BaseRead();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller)
        {
            return;
        }

        if (await QueryTableNameAsync() is not { } table)
        {
            return;
        }

        var reply = await caller.Content.ListViews(table);
        await (reply.Json is { } json ? SendWrappedAsync("views", json) : SendContentErrorAsync(reply, write: false));
    }
}
