using Microsoft.AspNetCore.Http;
using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>
/// GET /api/v2.1/dtable-io-status/?task_id= (E17): {"is_finished"} plus, beyond SeaTable, phase, progress
/// (0-100), rows_done, task_type and dtable_uuid. A failed task answers 400 with its error_msg (as SeaTable
/// relays a worker failure). Only the starter and system admins may ask; an ended status is answered once,
/// then the task is "not found" (reference 11 #22).
/// </summary>
public sealed class IoStatusEndpoint : IoTaskEndpoint<IoStatusRequest, IoStatusResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/dtable-io-status");
        Summary(s => s.Summary = "The status of an import or export task (its starter or a system admin)");
    }

    public override async Task HandleAsync(IoStatusRequest req, CancellationToken ct)
    {
        var taskId = IoUuid.Parse(req.TaskId);
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
        var phase = status.Phase.ToString().ToLowerInvariant();
        if (status.Phase == IoTaskPhase.Failed)
        {
            await HttpContext.Response.SendAsync(
                new IoFailedStatusResponse(status.IsFinished, phase, status.Progress, status.RowsDone, TaskType(status.Kind), status.DTableUuid.ToString(), status.Error),
                StatusCodes.Status400BadRequest, cancellation: ct);
            return;
        }

        await Send.OkAsync(new IoStatusResponse(status.IsFinished, phase, status.Progress, status.RowsDone, TaskType(status.Kind), status.DTableUuid.ToString()), ct);
    }
}
