using System.IO.Compression;
using System.Text.Json;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.DTables;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// A .dtable archive into the new base that waits for it: every entry is checked first, then content.json
/// (asset URLs pointed at the new base) and the asset files are written, and the base is made live last.
/// Repeating the whole job after a crash gives the same result.
/// </summary>
public static class ArchiveImportJob
{
    public static async Task<IoJobOutcome> RunAsync(IoJobContext context, CancellationToken cancellationToken)
    {
        var task = context.Task;
        var dtable = context.Grains.GetGrain<IDTableGrain>(task.DTableUuid);
        if (await ImportTarget.CheckAsync(context, dtable) is { } done)
        {
            return done;
        }

        await using var input = context.Blobs.OpenRead(IoPaths.Input(context.TaskId))
            ?? throw new IoTaskFailedException("The uploaded file is no longer there; please import it again.");
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new IoTaskFailedException("A *.dtable file is required: the file is not a valid zip archive.");
        }

        using (archive)
        {
            try
            {
                return await ImportAsync(context, archive, dtable, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw new IoTaskFailedException($"The archive is damaged: {e.Message}");
            }
        }
    }

    private static async Task<IoJobOutcome> ImportAsync(IoJobContext context, ZipArchive archive, IDTableGrain dtable, CancellationToken cancellationToken)
    {
        var task = context.Task;
        var files = ArchiveEntries.Check(archive, context.Options);
        ArchiveManifest? manifest = null;
        if (files.Remove(ArchiveManifest.EntryName, out var manifestEntry))
        {
            await using var stream = await manifestEntry.OpenAsync(cancellationToken);
            manifest = ArchiveManifest.Read(stream, manifestEntry.Length);
            foreach (var listed in manifest.Files.Where(f => !files.ContainsKey(f)))
            {
                throw new IoTaskFailedException($"manifest.json lists {listed}, which the archive does not hold: the archive is incomplete.");
            }
        }

        if (!files.Remove(ArchiveEntries.ContentJson, out var contentEntry))
        {
            throw new IoTaskFailedException("The archive has no content.json: it is not a .dtable file.");
        }

        // Row comments (this server's addition; absent from SeaTable's archives): read and checked before anything is written.
        files.Remove(ArchiveComments.EntryName, out var commentsEntry);
        var comments = await ArchiveComments.ReadAsync(commentsEntry, manifest, cancellationToken);

        context.Progress.Report(2, 0);
        // The content goes into the base's content grain as it is read; it becomes the base's only at the commit.
        await using var upload = await ContentUpload.BeginAsync(context.Grains.GetGrain<IBaseContentGrain>(task.DTableUuid));
        var rows = await WriteContentAsync(context, contentEntry, manifest, upload, cancellationToken);

        // Assets go straight into the new base's folder: the base is invisible until it is made live, and
        // abandoning the import deletes the folder.
        var assets = files.Where(f => f.Key.StartsWith(ArchiveEntries.AssetPrefix, StringComparison.Ordinal)).ToList();
        var assetFolder = BlobPaths.AssetFolder(task.DTableUuid);
        // The folder belongs to this import alone: a run cut off by a crash may have left partial files in it.
        context.Blobs.DeleteFolder(assetFolder);
        var done = 0;
        foreach (var (name, entry) in assets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = BlobPaths.Normalize(name[ArchiveEntries.AssetPrefix.Length..]);
            if (string.IsNullOrEmpty(relative))
            {
                throw new IoTaskFailedException($"The archive entry \"{name}\" has an unsafe path; nothing was imported.");
            }

            var slash = relative.LastIndexOf('/');
            var folder = slash < 0 ? assetFolder : $"{assetFolder}/{relative[..slash]}";
            await using (var source = await entry.OpenAsync(cancellationToken))
            await using (var hashing = new HashingStream(source, entry.Length, name))
            {
                await context.Blobs.SaveAsync(folder, relative[(slash + 1)..], hashing, entry.Length, replace: true, cancellationToken);
                manifest?.Check(name, hashing.Length64, hashing.Sha256Hex());
            }

            context.Progress.ReportPart(50, 85, ++done, assets.Count, rows);
        }

        // The other files SeaTable puts in archives (forms, automations, workflows, ...) are not features of
        // this server; with a manifest they are still verified, so an altered archive is refused whole.
        foreach (var (name, entry) in files.Where(f => !f.Key.StartsWith(ArchiveEntries.AssetPrefix, StringComparison.Ordinal)))
        {
            if (manifest is null)
            {
                continue;
            }

            await using var source = await entry.OpenAsync(cancellationToken);
            await using var hashing = new HashingStream(source, entry.Length, name);
            await hashing.CopyToAsync(Stream.Null, cancellationToken);
            manifest.Check(name, hashing.Length64, hashing.Sha256Hex());
        }

        cancellationToken.ThrowIfCancellationRequested();
        context.Progress.Report(88, rows);
        // Before the content commit: the base is invisible until CompleteImport, and abandoning it clears them.
        await context.Grains.GetGrain<Comments.IBaseCommentsGrain>(task.DTableUuid).Import(comments);
        var rowCount = await upload.CommitAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (!await dtable.CompleteImport(context.TaskId, rowCount))
        {
            throw new IoTaskFailedException("The base of this import no longer exists.");
        }

        context.Progress.Report(100, rowCount);
        return new IoJobOutcome(null, rowCount);
    }

    /// <summary>Reads, checks and rewrites content.json into the upload, piece by piece; the row count.</summary>
    private static async Task<long> WriteContentAsync(IoJobContext context, ZipArchiveEntry entry, ArchiveManifest? manifest,
        ContentUpload upload, CancellationToken cancellationToken)
    {
        if (entry.Length > context.Options.MaxContentJsonBytes)
        {
            throw new IoTaskFailedException($"content.json is larger than {context.Options.MaxContentJsonBytes} bytes.");
        }

        var urls = AssetUrls.ForImport(context.Task.PublicUrl, context.Task.WorkspaceId, context.Task.DTableUuid);
        long read = 0;
        long rows;
        string sha256;
        try
        {
            await using var source = await entry.OpenAsync(cancellationToken);
            await using var hashing = new HashingStream(source, entry.Length, ArchiveEntries.ContentJson);
            rows = await ContentJsonRewriter.CopyAsync(hashing, upload.Writer, urls, archiveOff: false,
                done => context.Progress.ReportPart(5, 50, read, entry.Length, done),
                async total =>
                {
                    read = total;
                    await upload.SendFullBlocksAsync();
                },
                cancellationToken);
            sha256 = hashing.Sha256Hex();
        }
        catch (JsonException e)
        {
            throw new IoTaskFailedException($"content.json is not valid JSON: {e.Message}");
        }
        catch (ContentFormatException e)
        {
            throw new IoTaskFailedException(e.Message);
        }

        manifest?.Check(ArchiveEntries.ContentJson, read, sha256);
        return rows;
    }
}
