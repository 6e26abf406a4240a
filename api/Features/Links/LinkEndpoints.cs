using SeaTable.Api.Features.Rows;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Links;

/// <summary>
/// POST (link) and DELETE (unlink) …/links/ (v1 and v2): the single form {link_id, table_name, other_table_name,
/// table_row_id, other_table_row_id} or the batch form with other_rows_ids_map {row_id: [other row ids]}. Pairs
/// already so are skipped; a missing row, a link_id that is no link of the two tables: 400, nothing written.
/// </summary>
public abstract class ChangeLinksEndpoint(LinkChange change) : BaseServerEndpoint<ChangeLinksRequest, LinksResponse>
{
    public override async Task HandleAsync(ChangeLinksRequest req, CancellationToken ct)
    {
        List<LinkRows> rows = req.IsBatch ? LinkRules.Map(req.OtherRowsIdsMap)! : [new LinkRows(req.TableRowId!, [req.OtherTableRowId!])];
        var reply = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(Caller.Uuid)
            .ChangeLinks(new LinksCommand(change, req.LinkId!, req.Table, req.OtherTable, rows));
        if (reply.Error != ContentError.None)
        {
            await SendContentErrorAsync(reply, write: true);
            return;
        }

        var counted = change == LinkChange.Remove && RowRoutes.IsV2(HttpContext);
        await Send.OkAsync(new LinksResponse(true, counted ? reply.Count : null), ct);
    }
}

[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class AddLinksEndpoint() : ChangeLinksEndpoint(LinkChange.Add)
{
    public override void Configure()
    {
        Post(BaseRoutes.V1AndV2("links"));
        BaseWrite();
        Summary(s => s.Summary = "Link rows through a link column, one pair or a map (base token with rw)");
    }
}

[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class RemoveLinksEndpoint() : ChangeLinksEndpoint(LinkChange.Remove)
{
    public override void Configure()
    {
        Delete(BaseRoutes.V1AndV2("links"));
        BaseWrite();
        Summary(s => s.Summary = "Unlink rows, one pair or a map (base token with rw)");
    }
}

/// <summary>
/// PUT …/links/ (v1 and v2): replaces rows' links, {row_id, other_rows_ids} or {row_id_list, other_rows_ids_map}:
/// {"success": true}.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class UpdateLinksEndpoint : BaseServerEndpoint<UpdateLinksRequest, LinksResponse>
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("links"));
        BaseWrite();
        Summary(s => s.Summary = "Replace a row's links (base token with rw)");
    }

    public override async Task HandleAsync(UpdateLinksRequest req, CancellationToken ct)
    {
        var command = req.IsBatch
            ? new LinksCommand(LinkChange.Replace, req.LinkId!, req.Table, req.OtherTable,
                LinkRules.Map(req.OtherRowsIdsMap, allowEmpty: true) ?? [], LinkRules.Ids(req.RowIdList, allowEmpty: false))
            : new LinksCommand(LinkChange.Replace, req.LinkId!, req.Table, req.OtherTable,
                [new LinkRows(req.RowId!, LinkRules.Ids(req.OtherRowsIds, allowEmpty: true)!)]);
        var reply = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(Caller.Uuid).ChangeLinks(command);
        await (reply.Error == ContentError.None ? Send.OkAsync(new LinksResponse(true), ct) : SendContentErrorAsync(reply, write: true));
    }
}

/// <summary>
/// PUT …/batch-update-links/ {link_id, table_id, other_table_id, row_id_list, other_rows_ids_map} (v1 and v2):
/// each listed row's links become its ids of the map (none when the map leaves it out). {"success": true}.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite(WithIdempotencyKeyOnly = true)]
public sealed class BatchUpdateLinksEndpoint : BaseServerEndpoint<BatchUpdateLinksRequest, LinksResponse>
{
    public override void Configure()
    {
        Put(BaseRoutes.V1AndV2("batch-update-links"));
        BaseWrite();
        Summary(s => s.Summary = "Replace the links of many rows (base token with rw)");
    }

    public override async Task HandleAsync(BatchUpdateLinksRequest req, CancellationToken ct)
    {
        var command = new LinksCommand(LinkChange.Replace, req.LinkId!, req.Table, req.OtherTable,
            LinkRules.Map(req.OtherRowsIdsMap, allowEmpty: true)!, LinkRules.Ids(req.RowIdList, allowEmpty: false));
        var reply = await GrainRefs.GetGrain<IBaseRowsExtrasGrain>(Caller.Uuid).ChangeLinks(command);
        await (reply.Error == ContentError.None ? Send.OkAsync(new LinksResponse(true), ct) : SendContentErrorAsync(reply, write: true));
    }
}
