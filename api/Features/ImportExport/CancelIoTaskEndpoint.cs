using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>
/// DELETE /api/v2.1/dtable-io-status/?task_id=&amp;dtable_uuid=&amp;task_type= (E19; also at the
/// /api/v2.1/dtable-export-content/ path DOC-2020's example uses): stops the task, waiting until its work has
/// stopped. A cancelled import leaves no base and no files; a cancelled export leaves no file.
/// </summary>
public sealed class CancelIoTaskEndpoint : IoTaskEndpoint<CancelIoTaskRequest, IoSuccessResponse>
{
    public override void Configure()
    {
        Delete("/api/v2.1/dtable-io-status", "/api/v2.1/dtable-export-content");
        Summary(s => s.Summary = "Cancel an import or export task (its starter or a system admin)");
    }

    public override async Task HandleAsync(CancelIoTaskRequest req, CancellationToken ct)
    {
        var taskId = IoUuid.Parse(req.TaskId);
        var taskType = req.TaskType!;
        var dtableUuid = IoUuid.Parse(req.DtableUuid);
        var task = TaskGrain(taskId);
        var current = await task.ReadStatus(CallerId, IsAdmin, consume: false);
        var access = current.Access;
        var status = current.Status;
        if (access == IoTaskAccess.NotFound && taskType == "export")
        {
            // An export whose end was already shown still has its file until it expires: cancelling deletes it.
            var download = await task.GetDownload(CallerId, IsAdmin);
            (access, status) = (download.Access, download.Status);
        }

        if (access == IoTaskAccess.PermissionDenied)
        {
            await ForbiddenAsync();
            return;
        }

        if (status is null || status.DTableUuid != dtableUuid || TaskType(status.Kind) != taskType)
        {
            await BadRequestAsync("task_id invalid.");
            return;
        }

        var result = await task.Cancel(CallerId, IsAdmin);
        switch (result.Access)
        {
            case IoTaskAccess.NotFound:
                await BadRequestAsync("task_id invalid.");
                return;
            case IoTaskAccess.PermissionDenied:
                await ForbiddenAsync();
                return;
        }

        await Send.OkAsync(new IoSuccessResponse(true), ct);
    }
}
