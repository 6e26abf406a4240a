using SeaTable.Grains.Accounts;
using SeaTable.Grains.Catalog;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// GET /api/v2.1/admin/users/{email}/dtables/ (E10): the live bases of a user's personal workspace; the
/// user by id or contact email; an unknown user has none. Defaults 1 / 25, bad values fall back.
/// </summary>
public sealed class ListUserDTablesEndpoint : SeaTableEndpoint<ListUserDTablesRequest, DTableListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/admin/users/{email}/dtables");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "List the live bases of a user's personal workspace (system admin)");
    }

    public override async Task HandleAsync(ListUserDTablesRequest req, CancellationToken ct)
    {
        var paging = req.PagingOrDefault(25);
        var user = await Grains.GetGrain<IAccountDirectoryGrain>(0).FindUser(req.Email);
        var (query, error) = await AdminListingQuery.ReadAsync(req, new DTableFilter(Deleted: false), Grains);
        if (query is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var page = user is null
            ? new CatalogPage<CatalogDTable>([], 0)
            : await Resolve<ICatalog>().ListDTablesAsync(query.Filter with { OwnerId = user.Id }, paging.Offset, paging.PerPage, ct, query.Cursor);
        await Send.OkAsync(new DTableListResponse(AdminTableJson.From(page.Items, trash: false), page.Total, AdminListingQuery.Encode(page.NextCursor)), ct);
    }
}
