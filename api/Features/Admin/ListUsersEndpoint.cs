using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.Admin;

/// <summary>GET /api/v2.1/admin/users/?page&amp;per_page: every user, from the catalog.</summary>
public sealed class ListUsersEndpoint : SeaTableEndpoint<ListUsersRequest, AdminUserListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/users");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "List every user, paged (system admin)");
    }

    public override async Task HandleAsync(ListUsersRequest req, CancellationToken ct)
    {
        req.TryGetPaging(25, out var paging);
        var page = await Resolve<ICatalog>().ListUsersAsync(paging.Offset, paging.PerPage, ct);
        await Send.OkAsync(new AdminUserListResponse(
            [.. page.Items.Select(u => new AdminUserListItem(u.Id, u.Name, u.ContactEmail, "", u.IsStaff, u.IsActive, IsoTime.Format(u.CreatedAt), "default", u.OrgId))],
            page.Total,
            new AdminPageInfo(page.Total > (long)paging.Page * paging.PerPage, paging.Page)), ct);
    }
}
