using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>GET …/rows/{row_id}/?table_name= (v1 and v2): the row, cells keyed by column name (v2 convert_keys=false: by key).</summary>
public sealed class GetRowEndpoint : BaseServerEndpoint<GetRowRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("rows/{row_id}"));
        BaseRead();
        Summary(s => s.Summary = "One row of a table (base token)");
        Description(b => b.Produces<System.Text.Json.JsonElement>(200));
    }

    public override async Task HandleAsync(GetRowRequest req, CancellationToken ct)
    {
        var caller = Caller;
        var reply = RowRoutes.IsV2(HttpContext)
            ? await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(caller.Uuid).GetRowFilled(req.TableName!, req.RowId, req.ByName, req.GatewayLinksConverted)
            : await caller.Content.GetRow(req.TableName!, req.RowId, req.ByName, req.LinksConverted);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: false));
    }
}
