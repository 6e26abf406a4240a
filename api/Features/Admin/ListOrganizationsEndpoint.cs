using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.Admin;

/// <summary>GET /api/v2.1/admin/organizations/?page&amp;per_page: every organization, from the catalog.</summary>
public sealed class ListOrganizationsEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/organizations");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadPagingAsync(defaultPerPage: 25) is not { } paging)
        {
            return;
        }

        var page = await Resolve<ICatalog>().ListOrganizationsAsync(paging.Offset, paging.PerPage, ct);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["organizations"] = page.Items.Select(o => new Dictionary<string, object?>
            {
                ["org_id"] = o.Id,
                ["org_name"] = o.Name,
                ["ctime"] = IsoTime.Format(o.CreatedAt),
                ["org_url_prefix"] = o.UrlPrefix,
                ["creator_email"] = o.CreatorId,
                ["role"] = "org_default",
            }).ToList(),
            ["total_count"] = page.Total,
        });
    }
}
