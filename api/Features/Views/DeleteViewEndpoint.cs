using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Views;

/// <summary>DELETE …/views/{view_name}/?table_name=: {"success": true}; a table's last view cannot be deleted (400).</summary>
public sealed class DeleteViewEndpoint : ViewsEndpoint<DeleteViewRequest, object>
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1AndV2("views/{view_name}"));
        BaseWrite();
        Summary(s => s.Summary = "Delete a view (base token with rw)");
    }

    public override async Task HandleAsync(DeleteViewRequest req, CancellationToken ct) =>
        await SendViewReplyAsync(await Views.DeleteView(req.TableName!, req.ViewName), write: true);
}
