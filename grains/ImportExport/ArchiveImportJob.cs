using Orleans.Concurrency;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Content;
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

        context.Progress.Report(2, 0);
        var contentFile = IoPaths.Work(context.TaskId, "content.json");
        var rows = await WriteContentAsync(context, contentEntry, manifest, contentFile, cancellationToken);

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
        var rowCount = await SaveContentAsync(context, contentFile, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (!await dtable.CompleteImport(context.TaskId, rowCount))
        {
            throw new IoTaskFailedException("The base of this import no longer exists.");
        }

        context.Progress.Report(100, rowCount);
        return new IoJobOutcome(null, rowCount);
    }

    /// <summary>Reads, checks and rewrites content.json into a work file; the row count.</summary>
    private static async Task<long> WriteContentAsync(IoJobContext context, ZipArchiveEntry entry, ArchiveManifest? manifest,
        string contentFile, CancellationToken cancellationToken)
    {
        if (entry.Length > context.Options.MaxContentJsonBytes)
        {
            throw new IoTaskFailedException($"content.json is larger than {context.Options.MaxContentJsonBytes} bytes.");
        }

        // One exact-size buffer that the document parses in place: no growing copies of a large base.
        var bytes = new byte[entry.Length];
        string sha256;
        await using (var source = await entry.OpenAsync(cancellationToken))
        await using (var hashing = new HashingStream(source, entry.Length, ArchiveEntries.ContentJson))
        {
            await hashing.ReadExactlyAsync(bytes, cancellationToken);
            if (hashing.ReadByte() >= 0)
            {
                throw new IoTaskFailedException("content.json expands to more bytes than it declares: the archive is damaged.");
            }

            sha256 = hashing.Sha256Hex();
        }

        manifest?.Check(ArchiveEntries.ContentJson, bytes.LongLength, sha256);
        context.Progress.Report(10, 0);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(StartOfJson(bytes)), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new IoTaskFailedException($"content.json is not valid JSON: {e.Message}");
        }

        using (document)
        {
            ContentJson.CheckShape(document.RootElement);
            var total = ContentJson.CountRows(document.RootElement);
            var urls = AssetUrls.ForImport(context.Task.PublicUrl, context.Task.WorkspaceId, context.Task.DTableUuid);
            await using var output = context.Blobs.Create(contentFile);
            await using var writer = new Utf8JsonWriter(output, ContentJson.WriterOptions);
            var rows = ContentJson.Copy(document.RootElement, writer, urls, archiveOff: false, total,
                (done, all) => context.Progress.ReportPart(15, 50, done, all, done), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            return rows;
        }
    }

    /// <summary>Hands the finished content.json to the base's content grain; its row count.</summary>
    internal static async Task<long> SaveContentAsync(IoJobContext context, string contentFile, CancellationToken cancellationToken)
    {
        byte[] json;
        await using (var file = context.Blobs.OpenRead(contentFile)
            ?? throw new IoTaskFailedException("The prepared content is gone; please import again."))
        {
            json = new byte[file.Length];
            await file.ReadExactlyAsync(json, cancellationToken);
        }

        long rows;
        try
        {
            // As UTF-8 bytes, not a string: half the memory, and the grain parses them where they lie.
            rows = await context.Grains.GetGrain<IBaseContentGrain>(context.Task.DTableUuid).ImportContentUtf8(new Immutable<byte[]>(json));
        }
        catch (ArgumentException e)
        {
            // The content grain's own rules (its row, table and column limits, its reading of the content).
            throw new IoTaskFailedException(e.Message.Split(" (Parameter", 2)[0]);
        }

        context.Blobs.DeleteFile(contentFile);
        return rows;
    }

    /// <summary>Skips a UTF-8 byte-order mark, which some writers put before the JSON.</summary>
    private static int StartOfJson(byte[] bytes) => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
}
