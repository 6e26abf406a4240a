using Microsoft.Extensions.Options;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/trash-dtables/ (E12): every trashed base, newest deletion first, with the days left
/// before its purge (SeaTable__Trash__RetentionDays after the deletion).
/// </summary>
public sealed class ListTrashDTablesEndpoint : SeaTableEndpoint<ListTrashDTablesRequest, TrashDTableListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/trash-dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "List every trashed base with the days before its purge (system admin)");
    }

    public override async Task HandleAsync(ListTrashDTablesRequest req, CancellationToken ct)
    {
        req.TryGetPaging(25, out var paging);

        var (query, error) = await AdminListingQuery.ReadAsync(req, new DTableFilter(Deleted: true), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = await Resolve<ICatalog>().ListDTablesAsync(query.Filter, paging.Offset, paging.PerPage, ct, query.Cursor);
        await Send.OkAsync(new TrashDTableListResponse(
            page.Total,
            AdminTableJson.From(page.Items, trash: true, (Resolve<IOptions<TrashOptions>>().Value.Retention, Resolve<TimeProvider>().GetUtcNow())),
            AdminListingQuery.Encode(page.NextCursor)), ct);
    }
}
