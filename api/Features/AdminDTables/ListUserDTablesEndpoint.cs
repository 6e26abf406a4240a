using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/users/{email}/dtables/ (E10): the live bases of a user's personal workspace; the
/// user by id or contact email; an unknown user has none. Defaults 1 / 25, bad values fall back.
/// </summary>
public sealed class ListUserDTablesEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/users/{email}/dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var paging = Paging.ParseOrDefault(HttpContext.Request.Query, 25);
        var user = await Grains.GetGrain<IAccountDirectoryGrain>(0).FindUser(Route<string>("email") ?? "");
        var (query, error) = await AdminListingQuery.ReadAsync(HttpContext.Request.Query, new DTableFilter(Deleted: false), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = user is null
            ? new CatalogPage<CatalogDTable>([], 0)
            : await Resolve<ICatalog>().ListDTablesAsync(query.Filter with { OwnerId = user.Id }, paging.Offset, paging.PerPage, ct, query.Cursor);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["dtable_list"] = AdminTableJson.From(page.Items, trash: false),
            ["count"] = page.Total,
            ["next_cursor"] = AdminListingQuery.Encode(page.NextCursor),
        });
    }
}
