using Microsoft.Extensions.Options;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/trash-dtables/ (E12): every trashed base, newest deletion first, with the days left
/// before its purge (SeaTable__Trash__RetentionDays after the deletion).
/// </summary>
public sealed class ListTrashDTablesEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/trash-dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadPagingAsync(25, "per_page or page invalid") is not { } paging)
        {
            return;
        }

        var (query, error) = await AdminListingQuery.ReadAsync(HttpContext.Request.Query, new DTableFilter(Deleted: true), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = await Resolve<ICatalog>().ListDTablesAsync(query.Filter, paging.Offset, paging.PerPage, ct, query.Cursor);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["count"] = page.Total,
            ["trash_dtable_list"] = AdminTableJson.From(page.Items, trash: true,
                (Resolve<IOptions<TrashOptions>>().Value.Retention, Resolve<TimeProvider>().GetUtcNow())),
            ["next_cursor"] = AdminListingQuery.Encode(page.NextCursor),
        });
    }
}
