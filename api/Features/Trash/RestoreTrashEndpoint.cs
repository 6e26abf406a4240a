using SeaTable.Api.Infrastructure.WriteOutcomes;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Trash;

/// <summary>
/// PUT /api/v2.1/trash-dtables/{dtable_id}/: restores one of the caller's trashed bases under its name,
/// with the same id, uuid and content. 400 when a live base holds the name now.
/// </summary>
[RepeatableWrite]
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
        var uuid = RepeatMemory.RecalledBase(HttpContext);
        var name = "";
        if (uuid is null)
        {
            var table = (await TrashedBases.LoadAsync(Grains, CallerId)).FirstOrDefault(t => t.Id == id);
            if (table is null)
            {
                await NotFoundAsync("Base not found.");
                return;
            }

            uuid = RepeatMemory.RememberBase(HttpContext, table.Uuid);
            name = table.Name;
        }

        var grain = Grains.GetGrain<IDTableGrain>(uuid.Value);
        var result = await grain.Restore(CallerId);
        if (result.Error == DTableError.NotInTrash && name.Length == 0 && await grain.GetInfo() is { Deleted: false } live && live.OwnerId == CallerId)
        {
            // A repeat: the lost run restored it.
            await Send.OkAsync(new SuccessResponse(), ct);
            return;
        }

        switch (result.Error)
        {
            case DTableError.None:
                await Send.OkAsync(new SuccessResponse(), ct);
                break;
            case DTableError.NameTaken:
                await BadRequestAsync($"Table with name \"{result.Table?.Name ?? name}\" exists.");
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
