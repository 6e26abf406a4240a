using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Views;

/// <summary>GET …/views/{view_name}/?table_name=: the view (404 "view not found" when the table has none so named).</summary>
public sealed class GetViewEndpoint : ViewsEndpoint<GetViewRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("views/{view_name}"));
        BaseRead();
        Summary(s => s.Summary = "One view of a table (base token)");
    }

    public override async Task HandleAsync(GetViewRequest req, CancellationToken ct) =>
        await SendViewReplyAsync(await Views.GetView(req.TableName!, req.ViewName), write: false);
}
