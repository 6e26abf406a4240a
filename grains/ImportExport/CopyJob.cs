namespace SeaTable.Grains.ImportExport;

/// <summary>
/// A base into the new base that waits for the copy task: the source is exported into the task's folder as a
/// .dtable archive (one consistent copy of its content, its assets and comments) and that archive imported, so a
/// copy is exactly an export followed by an import, with the same checks, URL rewriting and undo. Repeating
/// the job after a crash starts the export again; the target stays invisible until the import completes it.
/// </summary>
public static class CopyJob
{
    public static async Task<IoJobOutcome> RunAsync(IoJobContext context, CancellationToken cancellationToken)
    {
        var task = context.Task;
        var dtable = context.Grains.GetGrain<DTables.IDTableGrain>(task.DTableUuid);
        if (await ImportTarget.CheckAsync(context, dtable) is { } done)
        {
            return done;
        }

        var export = context with { Task = task with { Kind = IoTaskKind.Export, DTableUuid = task.SourceUuid, IgnoreAsset = false } };
        var exported = await ArchiveExportJob.RunAsync(export, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        context.Blobs.Move(exported.ResultPath!, IoPaths.Folder(context.TaskId), IoPaths.InputName, replace: true);
        return await ArchiveImportJob.RunAsync(context with { Task = task with { Kind = IoTaskKind.ImportArchive } }, cancellationToken);
    }
}
