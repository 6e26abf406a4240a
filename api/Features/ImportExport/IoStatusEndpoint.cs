using Microsoft.AspNetCore.Http;
using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>
/// GET /api/v2.1/dtable-io-status/?task_id= (E17): {"is_finished"} plus, beyond SeaTable, phase, progress
/// (0-100), rows_done, task_type and dtable_uuid. A failed task answers 400 with its error_msg (as SeaTable
/// relays a worker failure). Only the starter and system admins may ask; an ended status is answered once,
/// then the task is "not found" (reference 11 #22).
/// </summary>
public sealed class IoStatusEndpoint : IoTaskEndpoint
{
    public override void Configure() => Get("/api/v2.1/dtable-io-status");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadUuidAsync("task_id") is not { } taskId)
        {
            return;
        }

        var result = await TaskGrain(taskId).ReadStatus(CallerId, IsAdmin, consume: true);
        switch (result.Access)
        {
            case IoTaskAccess.NotFound:
                await NotFoundAsync("task_id not found.");
                return;
            case IoTaskAccess.PermissionDenied:
                await ForbiddenAsync();
                return;
        }

        var status = result.Status!;
        var body = new Dictionary<string, object?>
        {
            ["is_finished"] = status.IsFinished,
            ["phase"] = status.Phase.ToString().ToLowerInvariant(),
            ["progress"] = status.Progress,
            ["rows_done"] = status.RowsDone,
            ["task_type"] = TaskType(status.Kind),
            ["dtable_uuid"] = status.DTableUuid.ToString(),
        };
        if (status.Phase == IoTaskPhase.Failed)
        {
            body["error_msg"] = status.Error;
            await JsonAsync(body, StatusCodes.Status400BadRequest);
            return;
        }

        await JsonAsync(body);
    }
}
