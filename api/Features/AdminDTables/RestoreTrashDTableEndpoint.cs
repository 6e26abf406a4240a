using SeaTable.Grains.Catalog;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.AdminDTables;

/// <summary>
/// PUT /api/v2.1/admin/trash-dtables/{dtable_id}/ (E13): a system admin restores any trashed base under its
/// name, with the same id, uuid, content, assets and API tokens. 400 when a live base holds the name.
/// </summary>
public sealed class RestoreTrashDTableEndpoint : SeaTableEndpoint<RestoreTrashDTableRequest, SuccessResponse>
{
    public override void Configure()
    {
        Put("/api/v2.1/admin/trash-dtables/{dtable_id}");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "Restore a trashed base under its name (system admin)");
    }

    public override async Task HandleAsync(RestoreTrashDTableRequest req, CancellationToken ct)
    {
        var id = req.Id;
        // The catalog finds the base by id; its grain decides (the catalog may lag a just-finished change).
        if (await Resolve<ICatalog>().GetDTableByIdAsync(id, ct) is not { Deleted: true } row)
        {
            await NotFoundAsync("Table not found");
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(row.Uuid).Restore(null);
        switch (result.Error)
        {
            case DTableError.None:
                await Send.OkAsync(new SuccessResponse(true), ct);
                break;
            case DTableError.NameTaken:
                await BadRequestAsync($"Table with name \"{row.Name}\" exists.");
                break;
            default:
                await NotFoundAsync("Table not found");
                break;
        }
    }
}
