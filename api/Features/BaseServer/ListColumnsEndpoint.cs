using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET …/columns/?table_name=[&amp;view_name=]: {"columns": [...]}, without the columns the view hides.</summary>
public sealed class ListColumnsEndpoint : BaseServerEndpoint<ListColumnsRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("columns"));
        BaseRead();
        Summary(s => s.Summary = "A table's columns, optionally as a view shows them (base token)");
        Description(b => b.Produces<ColumnsDoc>(200));
    }

    public override async Task HandleAsync(ListColumnsRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.ListColumns(req.TableName!, req.ViewName is { Length: > 0 } view ? view : null);
        await (reply.Json is { } json ? SendWrappedAsync("columns", json) : SendContentErrorAsync(reply, write: false));
    }
}
