using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Views;

/// <summary>
/// POST …/views/?table_name= {name, type?, is_locked?}: a new view without filters, sorts or hidden columns,
/// last in the table's views; answers the view. A taken name is 400.
/// </summary>
public sealed class AddViewEndpoint : ViewsEndpoint<AddViewRequest, object>
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("views"));
        BaseWrite();
        Summary(s => s.Summary = "Add a view to a table (base token with rw)");
    }

    public override async Task HandleAsync(AddViewRequest req, CancellationToken ct)
    {
        var command = new AddViewCommand(req.TableName!, req.Name!, req.Type, req.IsLocked == Infrastructure.BoolField.True);
        await SendViewReplyAsync(await Views.AddView(command), write: true);
    }
}
