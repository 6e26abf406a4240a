using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/dtables/?page&amp;per_page (E9): every live base, from the catalog. Defaults 1 / 100;
/// like SeaTable, values that are not positive integers fall back to the defaults; per_page is capped.
/// </summary>
public sealed class ListAllDTablesEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var paging = Paging.ParseOrDefault(HttpContext.Request.Query, 100);
        var (query, error) = await AdminListingQuery.ReadAsync(HttpContext.Request.Query, new DTableFilter(Deleted: false), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = await Resolve<ICatalog>().ListDTablesAsync(query.Filter, paging.Offset, paging.PerPage, ct, query.Cursor, countTotal: false);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["page_info"] = new Dictionary<string, object?>
            {
                ["has_next_page"] = page.NextCursor is not null,
                ["current_page"] = paging.Page,
            },
            ["dtables"] = AdminTableJson.From(page.Items, trash: false),
            ["next_cursor"] = AdminListingQuery.Encode(page.NextCursor),
        });
    }
}
