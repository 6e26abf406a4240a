using Microsoft.AspNetCore.Http;
using System.Text.Json;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Views;

/// <summary>
/// GET …/filtered-rows/?table_name=[&amp;view_name=] with the JSON body {"filters": [...], "filter_conjunction":
/// "And"|"Or"}: {"rows": [...]} keyed by column name, every row that passes (within the view's rows and in its
/// order when a view is named). A filter on a missing column, an unknown predicate or modifier, or a term of
/// the wrong kind is 400 with SeaTable's text.
/// </summary>
public sealed class FilteredRowsEndpoint : ViewsEndpoint<FilteredRowsRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("filtered-rows"));
        BaseRead();
        Summary(s => s.Summary = "Rows that pass filters, optionally within a view (base token; a GET with a JSON body)");
        Description(b => b.Produces<FilteredRowsDoc>(200));
    }

    public override async Task HandleAsync(FilteredRowsRequest req, CancellationToken ct)
    {
        var conjunction = req.FilterConjunction.ValueKind == JsonValueKind.String ? req.FilterConjunction.GetString() : null;
        var query = new FilterRowsQuery(req.TableName!, req.ViewName is { Length: > 0 } view ? view : null,
            req.Filters.GetRawText(), conjunction, Caller.Actor);
        await SendViewReplyAsync(await Views.FilterRows(query), write: false);
    }
}
