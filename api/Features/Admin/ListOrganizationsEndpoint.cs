using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.Admin;

/// <summary>GET /api/v2.1/admin/organizations/?page&amp;per_page: every organization, from the catalog.</summary>
public sealed class ListOrganizationsEndpoint : SeaTableEndpoint<ListOrganizationsRequest, AdminOrganizationListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/organizations");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "List every organization, paged (system admin)");
    }

    public override async Task HandleAsync(ListOrganizationsRequest req, CancellationToken ct)
    {
        req.TryGetPaging(25, out var paging);
        var page = await Resolve<ICatalog>().ListOrganizationsAsync(paging.Offset, paging.PerPage, ct);
        await Send.OkAsync(new AdminOrganizationListResponse(
            [.. page.Items.Select(o => new AdminOrganizationListItem(o.Id, o.Name, IsoTime.Format(o.CreatedAt), o.UrlPrefix, o.CreatorId, "org_default"))],
            page.Total), ct);
    }
}
