using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Views;

/// <summary>GET …/views/?table_name=: {"views": [...]}.</summary>
public sealed class ListViewsEndpoint : BaseServerEndpoint<ListViewsRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("views"));
        BaseRead();
        Summary(s => s.Summary = "A table's views (base token)");
        Description(b => b.Produces<ViewsDoc>(200));
    }

    public override async Task HandleAsync(ListViewsRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.ListViews(req.TableName!);
        await (reply.Json is { } json ? SendWrappedAsync("views", json) : SendContentErrorAsync(reply, write: false));
    }
}
