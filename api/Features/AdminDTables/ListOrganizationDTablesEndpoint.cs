using System.Globalization;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/organizations/{org_id}/dtables/ (E11): the live bases of every workspace of the
/// organization. 400 for a bad page, per_page or org id 0; 404 for an unknown organization.
/// </summary>
public sealed class ListOrganizationDTablesEndpoint : SeaTableEndpoint<ListOrganizationDTablesRequest, DTableListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/organizations/{org_id}/dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "List the live bases of an organization (system admin)");
    }

    public override async Task HandleAsync(ListOrganizationDTablesRequest req, CancellationToken ct)
    {
        // The validator has checked both.
        req.TryGetPaging(25, out var paging);
        var orgId = long.Parse(req.OrgId!, NumberStyles.None, CultureInfo.InvariantCulture);

        if (await Grains.GetGrain<IOrganizationGrain>(orgId).GetInfo() is null)
        {
            await NotFoundAsync($"Organization {orgId} not found.");
            return;
        }

        var (query, error) = await AdminListingQuery.ReadAsync(
            // The record's org_id is the route's; the query may still send an org_id filter, checked as on the other listings.
            req with { OrgId = HttpContext.Request.Query["org_id"].ToString() }, new DTableFilter(Deleted: false), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = await Resolve<ICatalog>().ListDTablesAsync(query.Filter with { OrgId = orgId }, paging.Offset, paging.PerPage, ct, query.Cursor);
        await Send.OkAsync(new DTableListResponse(AdminTableJson.From(page.Items, trash: false), page.Total, AdminListingQuery.Encode(page.NextCursor)), ct);
    }
}
