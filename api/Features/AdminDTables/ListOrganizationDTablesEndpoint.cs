using System.Globalization;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/organizations/{org_id}/dtables/ (E11): the live bases of every workspace of the
/// organization. 400 for a bad page, per_page or org id 0; 404 for an unknown organization.
/// </summary>
public sealed class ListOrganizationDTablesEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/organizations/{org_id}/dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadPagingAsync(25, "per_page or page invalid") is not { } paging)
        {
            return;
        }

        if (!long.TryParse(Route<string>("org_id", isRequired: false), NumberStyles.None, CultureInfo.InvariantCulture, out var orgId) || orgId == 0)
        {
            await BadRequestAsync("org_id invalid.");
            return;
        }

        if (await Grains.GetGrain<IOrganizationGrain>(orgId).GetInfo() is null)
        {
            await NotFoundAsync($"Organization {orgId} not found.");
            return;
        }

        var (query, error) = await AdminListingQuery.ReadAsync(HttpContext.Request.Query, new DTableFilter(Deleted: false), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = await Resolve<ICatalog>().ListDTablesAsync(query.Filter with { OrgId = orgId }, paging.Offset, paging.PerPage, ct, query.Cursor);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["dtable_list"] = AdminTableJson.From(page.Items, trash: false),
            ["count"] = page.Total,
            ["next_cursor"] = AdminListingQuery.Encode(page.NextCursor),
        });
    }
}
