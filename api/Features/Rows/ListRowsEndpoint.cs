using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Rows;

/// <summary>
/// GET …/rows/?table_name=[&amp;view_name][&amp;order_by&amp;direction][&amp;start][&amp;limit] (v1 and v2):
/// {"rows": [...]}, cells keyed by column name (v2: by key when convert_keys=false), at most 1,000 a page.
/// A view applies its filters and sorts; order_by sorts first. v2 rows have every column (null when empty) and
/// _archived, _locked, _locked_by, and link cells as {row_id, display_value} unless convert_link_id=false, as
/// SeaTable's API gateway answers.
/// </summary>
public sealed class ListRowsEndpoint : BaseServerEndpoint<ListRowsRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("rows"));
        BaseRead();
        Summary(s => s.Summary = "A page of a table's rows, optionally through a view (base token)");
        Description(b => b.Produces<RowListDoc>(200));
    }

    public override async Task HandleAsync(ListRowsRequest req, CancellationToken ct)
    {
        // The validator checked that start and limit parse.
        var limit = RowQueryText.Int(req.Limit, RowLimits.List)!.Value;
        var query = new RowQuery(req.TableName!, req.ViewName is { Length: > 0 } view ? view : null,
            req.OrderBy is { Length: > 0 } orderBy ? orderBy : null, req.Descending, RowQueryText.Int(req.Start, 0)!.Value,
            limit == 0 ? RowLimits.List : Math.Min(limit, RowLimits.List), req.ByName, req.LinksConverted, Caller.Actor);
        var caller = Caller;
        // The gateway (v2) writes every column and the lock fields, link cells with their display values;
        // dtable-server's v1 leaves empty cells out.
        var reply = RowRoutes.IsV2(HttpContext)
            ? await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(caller.Uuid).ListRowsFilled(query with { ConvertLinkId = req.GatewayLinksConverted })
            : await caller.Content.ListRows(query);
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: false));
    }
}
