using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>GET /api/v2.1/admin/trash-dtables/ (E12): every trashed base, newest deletion first.</summary>
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

        var page = await Resolve<ICatalog>().ListDTablesAsync(new DTableFilter(Deleted: true), paging.Offset, paging.PerPage, ct);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["count"] = page.Total,
            ["trash_dtable_list"] = await AdminTableJson.FromAsync(Grains, page.Items, trash: true),
        });
    }
}
