using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/dtables/?page&amp;per_page (E9): every live base, from the catalog. Defaults 1 / 100;
/// like SeaTable, values that are not positive integers fall back to the defaults; per_page is capped.
/// </summary>
public sealed class ListAllDTablesEndpoint : SeaTableEndpoint<ListAllDTablesRequest, AllDTablesResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "List every live base, paged (system admin)");
    }

    public override async Task HandleAsync(ListAllDTablesRequest req, CancellationToken ct)
    {
        var paging = req.PagingOrDefault(100);
        var (query, error) = await AdminListingQuery.ReadAsync(req, new DTableFilter(Deleted: false), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = await Resolve<ICatalog>().ListDTablesAsync(query.Filter, paging.Offset, paging.PerPage, ct, query.Cursor, countTotal: false);
        await Send.OkAsync(new AllDTablesResponse(
            new AdminPageInfo(page.NextCursor is not null, paging.Page),
            AdminTableJson.From(page.Items, trash: false),
            AdminListingQuery.Encode(page.NextCursor)), ct);
    }
}
