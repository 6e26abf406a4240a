using SeaTable.Api.Infrastructure.WriteOutcomes;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// DELETE /api/v2.1/workspace/{workspace_id}/dtable/ with the base's <c>name</c> in the body: moves the base
/// to the trash. Its name is free at once; the base is purged after the retention period.
/// </summary>
[RepeatableWrite]
public sealed class DeleteDTableEndpoint : SeaTableEndpoint<DeleteDTableRequest, SuccessResponse>
{
    public override void Configure()
    {
        Delete("/api/v2.1/workspace/{workspace_id:long}/dtable");
        Summary(s => s.Summary = "Move a base to the trash (base owner)");
    }

    public override async Task HandleAsync(DeleteDTableRequest req, CancellationToken ct)
    {
        var name = req.TargetName!;
        var uuid = RepeatMemory.RecalledBase(HttpContext);
        if (uuid is null)
        {
            if (await ResolveBaseAsync(req.WorkspaceId, name) is not { } found)
            {
                return;
            }

            uuid = RepeatMemory.RememberBase(HttpContext, found.Uuid);
        }

        var result = await Grains.GetGrain<IDTableGrain>(uuid.Value).MoveToTrash(CallerId);
        switch (result.Error)
        {
            case DTableError.None:
                await Send.OkAsync(new SuccessResponse(), ct);
                break;
            case DTableError.NotFound:
                await NotFoundAsync($"dtable {name} not found.");
                break;
            default:
                await ForbiddenAsync();
                break;
        }
    }
}
