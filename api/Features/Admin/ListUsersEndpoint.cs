using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.Admin;

/// <summary>GET /api/v2.1/admin/users/?page&amp;per_page: every user, from the catalog.</summary>
public sealed class ListUsersEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/users");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadPagingAsync(defaultPerPage: 25) is not { } paging)
        {
            return;
        }

        var page = await Resolve<ICatalog>().ListUsersAsync(paging.Offset, paging.PerPage, ct);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["data"] = page.Items.Select(u => new Dictionary<string, object?>
            {
                ["email"] = u.Id,
                ["name"] = u.Name,
                ["contact_email"] = u.ContactEmail,
                ["login_id"] = "",
                ["is_staff"] = u.IsStaff,
                ["is_active"] = u.IsActive,
                ["create_time"] = IsoTime.Format(u.CreatedAt),
                ["role"] = "default",
                ["org_id"] = u.OrgId,
            }).ToList(),
            ["total_count"] = page.Total,
            ["page_info"] = new Dictionary<string, object?>
            {
                ["has_next_page"] = page.Total > (long)paging.Page * paging.PerPage,
                ["current_page"] = paging.Page,
            },
        });
    }
}
