using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>
/// GET /api/v2.1/dtable-export-content/?task_id=&amp;dtable_uuid= and /dtable-export-content/ (E18): streams
/// the export from the blob store. Allowed to the task's starter (still with access to the base) and system
/// admins. Unlike SeaTable the file stays until the task expires, and a missing file is a 404, not a 500.
/// </summary>
public sealed class ExportContentEndpoint : IoTaskEndpoint<ExportContentRequest, object>
{
    public const string ContentType = "application/x-zip-compressed";

    public override void Configure()
    {
        Get("/api/v2.1/dtable-export-content", "/dtable-export-content");
        Summary(s => s.Summary = "Download the archive of a finished export (its starter or a system admin)");
        // The answer is the .dtable archive itself, streamed from the blob store.
        Description(b => b.ClearDefaultProduces().Produces(StatusCodes.Status200OK, typeof(Stream), ContentType));
    }

    public override async Task HandleAsync(ExportContentRequest req, CancellationToken ct)
    {
        var taskId = IoUuid.Parse(req.TaskId);
        var dtableUuid = IoUuid.Parse(req.DtableUuid);
        var dtable = Grains.GetGrain<IDTableGrain>(dtableUuid);
        if (await dtable.GetInfo() is not { Deleted: false })
        {
            await NotFoundAsync("DTable not found.");
            return;
        }

        if (!IsAdmin && await dtable.GetAccess(CallerId) == AccessLevel.None)
        {
            await ForbiddenAsync();
            return;
        }

        var download = await TaskGrain(taskId).GetDownload(CallerId, IsAdmin);
        if (download.Access == IoTaskAccess.PermissionDenied)
        {
            await ForbiddenAsync();
            return;
        }

        if (download.Access == IoTaskAccess.NotFound || download.Status!.DTableUuid != dtableUuid)
        {
            await NotFoundAsync("task_id not found.");
            return;
        }

        if (download.ResultPath is null)
        {
            await BadRequestAsync(download.Status.Phase == IoTaskPhase.Failed
                ? download.Status.Error ?? "The export failed."
                : "The export has not finished yet.");
            return;
        }

        await using var file = Resolve<IBlobStore>().OpenRead(download.ResultPath);
        if (file is null)
        {
            await NotFoundAsync("Export content not found.");
            return;
        }

        var response = HttpContext.Response;
        response.ContentType = ContentType;
        response.ContentLength = file.Length;
        // SeaTable's exact header: attachment;filename*=UTF-8''<url-quoted name>.dtable
        response.Headers[HeaderNames.ContentDisposition] = $"attachment;filename*=UTF-8''{Uri.EscapeDataString(download.BaseName + ".dtable")}";
        await file.CopyToAsync(response.Body, ct);
    }
}
