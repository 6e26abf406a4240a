using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.ImportExport;

/// <summary>
/// POST /api/v2.1/workspace/{workspace_id}/import-dtable/ with the multipart file field <c>dtable</c> (E14, E15).
/// The upload is streamed into the blob store, a task is recorded, then the base is created holding its name
/// (invisible until the task completes it). A .dtable answers at once with {"task_id", "table"}; a .csv is
/// imported before the answer (SeaTable's V2020 semantics) and its task is already finished.
/// </summary>
public sealed class ImportDTableEndpoint : IoTaskEndpoint<ImportDTableRequest, IoTaskStartedResponse>
{
    private static readonly TimeSpan WaitStep = TimeSpan.FromSeconds(10);

    public override void Configure()
    {
        Post("/api/v2.1/workspace/{workspace_id:long}/import-dtable");
        Summary(s => s.Summary = "Import a .dtable archive or a .csv file as a new base (workspace owner)");
    }

    public override async Task HandleAsync(ImportDTableRequest req, CancellationToken ct)
    {
        var workspaceId = req.WorkspaceId;
        if (await GetWorkspaceAsync(workspaceId) is not { } workspace)
        {
            return;
        }

        if (workspace.OwnerId != CallerId)
        {
            await ForbiddenAsync();
            return;
        }

        var options = Resolve<IOptions<ImportExportOptions>>().Value;
        var blobs = Resolve<IBlobStore>();
        var taskId = Guid.NewGuid();
        var uuid = Guid.NewGuid();
        var task = TaskGrain(taskId);
        var publicUrl = PublicBase();
        var recorded = false;
        // The task is recorded before the file is received: its reminder then watches everything after (and
        // removes the upload) even if this request dies half-way.
        var upload = await ReceiveAsync(workspaceId, taskId, options, blobs, async (name, kind) =>
        {
            await task.Create(new NewIoTask(kind, CallerId, uuid, workspaceId, name, publicUrl, IgnoreAsset: false));
            recorded = true;
        }, ct);
        if (upload is null)
        {
            if (recorded)
            {
                await task.Cancel(CallerId, IsAdmin);
            }

            blobs.DeleteFolder(IoPaths.Folder(taskId));
            return;
        }

        var (name, kind) = upload.Value;
        // Creates the base holding its name and starts the task, or cancels the task when the name is taken.
        var created = await Grains.GetGrain<IDTableDirectoryGrain>(0).CreateImportedDTable(
            taskId, uuid, new DTableDraft(workspaceId, workspace.OwnerId, workspace.OrgId, name, CallerId), IsAdmin);
        if (created.Error != DTableError.None)
        {
            await BadRequestAsync($"Table {name} already exists.");
            return;
        }

        if (kind == IoTaskKind.ImportArchive)
        {
            await AnswerAsync(taskId, created.Table!);
            return;
        }

        // CSV: the answer waits for the task (not for the client: an aborted request leaves the task running).
        IoTaskStatus? status;
        do
        {
            status = await task.WaitForEnd(WaitStep);
        }
        while (status is { IsFinished: false });

        if (status is { Phase: IoTaskPhase.Finished } && await Grains.GetGrain<IDTableGrain>(uuid).GetInfo() is { } table)
        {
            await AnswerAsync(taskId, table);
            return;
        }

        await BadRequestAsync(status?.Error ?? "Import excel or csv error");
    }

    private async Task AnswerAsync(Guid taskId, DTableInfo table) =>
        await Send.OkAsync(new IoTaskStartedResponse(TaskId(taskId), await DTables.TableResponse.FromAsync(Grains, table)), HttpContext.RequestAborted);

    /// <summary>
    /// Streams the <c>dtable</c> file part into io/&lt;task&gt;/input; the base name and task kind, or null after
    /// answering 400 (no file, bad name or extension, name taken, too large, not a zip).
    /// </summary>
    private async Task<(string Name, IoTaskKind Kind)?> ReceiveAsync(long workspaceId, Guid taskId, ImportExportOptions options,
        IBlobStore blobs, Func<string, IoTaskKind, Task> accepted, CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(HttpContext.Request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || !HttpContext.Request.HasFormContentType)
        {
            await BadRequestAsync("dtable invalid.");
            return null;
        }

        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // Room for the multipart framing and the other fields around the file.
            bodyLimit.MaxRequestBodySize = Math.Max(options.MaxArchiveBytes, options.CsvMaxBytes) + 1024 * 1024;
        }

        try
        {
            var reader = new MultipartReader(boundary, HttpContext.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "dtable")
                {
                    continue;
                }

                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                if (string.IsNullOrEmpty(fileName))
                {
                    break;
                }

                fileName = Path.GetFileName(fileName.Replace('\\', '/'));
                var dot = fileName.LastIndexOf('.');
                var extension = dot < 0 ? "" : fileName[(dot + 1)..].ToLowerInvariant();
                var name = dot < 0 ? "" : fileName[..dot];
                if (extension is not ("dtable" or "csv") || !BaseNames.IsValid(name))
                {
                    await BadRequestAsync($"dtable {fileName} invalid.");
                    return null;
                }

                if (await Grains.GetGrain<IWorkspaceGrain>(workspaceId).Resolve(name) is not null)
                {
                    await BadRequestAsync($"Table {name} already exists.");
                    return null;
                }

                var kind = extension == "csv" ? IoTaskKind.ImportCsv : IoTaskKind.ImportArchive;
                await accepted(name, kind);
                var maxBytes = kind == IoTaskKind.ImportCsv ? options.CsvMaxBytes : options.MaxArchiveBytes;
                try
                {
                    await blobs.SaveAsync(IoPaths.Folder(taskId), IoPaths.InputName, section.Body, maxBytes, replace: true, ct);
                }
                catch (BlobTooLargeException)
                {
                    await BadRequestAsync($"File {fileName} is too large.");
                    return null;
                }

                if (kind == IoTaskKind.ImportArchive && !IsZip(blobs, IoPaths.Input(taskId)))
                {
                    await BadRequestAsync("A *.dtable file is required.");
                    return null;
                }

                return (name, kind);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await BadRequestAsync("File is too large.");
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            await BadRequestAsync("dtable invalid.");
            return null;
        }

        await BadRequestAsync("dtable invalid.");
        return null;
    }

    /// <summary>Reads only the zip's central directory: a truncated or non-zip upload is refused before any task exists.</summary>
    private static bool IsZip(IBlobStore blobs, string path)
    {
        using var stream = blobs.OpenRead(path);
        if (stream is null)
        {
            return false;
        }

        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            return archive.Entries.Count >= 0;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
