using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET …/columns/?table_name=[&amp;view_name=]: {"columns": [...]}, without the columns the view hides.</summary>
public sealed class ListColumnsEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("columns"));
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

        var reply = await caller.Content.ListColumns(table, Query("view_name") is { Length: > 0 } view ? view : null);
        await (reply.Json is { } json ? SendWrappedAsync("columns", json) : SendContentErrorAsync(reply, write: false));
    }
}
