using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// DELETE /api/v2.1/workspace/{workspace_id}/dtable/ with the base's <c>name</c> in the body: moves the base
/// to the trash. Its name is free at once; the base is purged after the retention period.
/// </summary>
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
        if (await ResolveBaseAsync(req.WorkspaceId, name) is not { } found)
        {
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(found.Uuid).MoveToTrash(CallerId);
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
