using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Trash;

/// <summary>
/// PUT /api/v2.1/trash-dtables/{dtable_id}/: restores one of the caller's trashed bases under its name,
/// with the same id, uuid and content. 400 when a live base holds the name now.
/// </summary>
public sealed class RestoreTrashEndpoint : SeaTableEndpoint<RestoreTrashRequest, SuccessResponse>
{
    public override void Configure()
    {
        Put("/api/v2.1/trash-dtables/{dtable_id}");
        Summary(s => s.Summary = "Restore one of the caller's trashed bases (login token)");
    }

    public override async Task HandleAsync(RestoreTrashRequest req, CancellationToken ct)
    {
        var id = req.ParsedId!.Value;

        // Only the caller's own trash is searched: another user's base is "not found" rather than revealed.
        var table = (await TrashedBases.LoadAsync(Grains, CallerId)).FirstOrDefault(t => t.Id == id);
        if (table is null)
        {
            await NotFoundAsync("Base not found.");
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(table.Uuid).Restore(CallerId);
        switch (result.Error)
        {
            case DTableError.None:
                await Send.OkAsync(new SuccessResponse(), ct);
                break;
            case DTableError.NameTaken:
                await BadRequestAsync($"Table with name \"{table.Name}\" exists.");
                break;
            case DTableError.NotInTrash:
                await NotFoundAsync("Base not found.");
                break;
            default:
                await ForbiddenAsync();
                break;
        }
    }
}
