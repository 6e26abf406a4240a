using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Content;
using SeaTable.Grains.DTables;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// A base into a .dtable archive (reference 7.5) written straight into the blob store: content.json with
/// the base's asset URLs turned into bundle URLs, the asset files under asset/, and manifest.json with each
/// file's SHA-256. The zip is written to a scratch file and moved into place when complete.
/// </summary>
public static class ArchiveExportJob
{
    private const int OutputBlockBytes = 256 * 1024;

    public static async Task<IoJobOutcome> RunAsync(IoJobContext context, CancellationToken cancellationToken)
    {
        var task = context.Task;
        var info = await context.Grains.GetGrain<IDTableGrain>(task.DTableUuid).GetInfo();
        if (info is null || info.Deleted)
        {
            throw new IoTaskFailedException("The base no longer exists.");
        }

        // One consistent copy, compressed as the base's snapshots are: read back piece by piece below.
        var content = await context.Grains.GetGrain<IBaseContentGrain>(task.DTableUuid).ExportContent()
            ?? throw new IoTaskFailedException("The base has no content to export.");
        context.Progress.Report(5, 0);

        var scratch = IoPaths.Work(context.TaskId, "export.zip");
        var manifest = new ArchiveManifest();
        long rows;
        await using (var file = context.Blobs.Create(scratch))
        {
            using (var archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                rows = await WriteContentAsync(context, archive, manifest, content, cancellationToken);
                content = null;
                if (!task.IgnoreAsset)
                {
                    await WriteAssetsAsync(context, archive, manifest, rows, cancellationToken);
                }

                var comments = await context.Grains.GetGrain<Comments.IBaseCommentsGrain>(task.DTableUuid).Export();
                await ArchiveComments.WriteAsync(archive, manifest, comments, cancellationToken);

                var manifestEntry = archive.CreateEntry(ArchiveManifest.EntryName, CompressionLevel.Fastest);
                await using var stream = await manifestEntry.OpenAsync(cancellationToken);
                manifest.WriteTo(stream);
            }

            await file.FlushAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        context.Blobs.Move(scratch, IoPaths.Folder(context.TaskId), IoPaths.ResultName, replace: true);
        context.Progress.Report(100, rows);
        return new IoJobOutcome(IoPaths.Result(context.TaskId), rows);
    }

    private static async Task<long> WriteContentAsync(IoJobContext context, ZipArchive archive, ArchiveManifest manifest, ContentExport content,
        CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(ArchiveEntries.ContentJson, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        long rows;
        long size;
        string sha256;
        await using (var hashing = new HashingStream(stream, long.MaxValue, ArchiveEntries.ContentJson, leaveOpen: true))
        {
            var output = new ArrayBufferWriter<byte>(OutputBlockBytes * 2);
            await using (var writer = new Utf8JsonWriter(output, ContentJsonRewriter.WriterOptions))
            await using (var text = new GZipStream(new MemoryStream(content.GzipJson, writable: false), CompressionMode.Decompress))
            {
                rows = await ContentJsonRewriter.CopyAsync(text, writer, AssetUrls.ForExport(context.Task.DTableUuid), archiveOff: true,
                    done => context.Progress.ReportPart(5, 60, done, content.Rows, done),
                    async _ =>
                    {
                        writer.Flush();
                        if (output.WrittenCount >= OutputBlockBytes)
                        {
                            await hashing.WriteAsync(output.WrittenMemory, cancellationToken);
                            output.ResetWrittenCount();
                        }
                    },
                    cancellationToken);
            }

            await hashing.WriteAsync(output.WrittenMemory, cancellationToken);
            size = hashing.Length64;
            sha256 = hashing.Sha256Hex();
        }

        manifest.Add(ArchiveEntries.ContentJson, size, sha256);
        return rows;
    }

    private static async Task WriteAssetsAsync(IoJobContext context, ZipArchive archive, ArchiveManifest manifest, long rows,
        CancellationToken cancellationToken)
    {
        var folder = BlobPaths.AssetFolder(context.Task.DTableUuid);
        var files = context.Blobs.ListFiles(folder).ToList();
        var done = 0;
        foreach (var relative in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var source = context.Blobs.OpenRead($"{folder}/{relative}");
            if (source is null)
            {
                // Deleted since it was listed: an asset removed during the export is simply not in it.
                continue;
            }

            var name = ArchiveEntries.AssetPrefix + relative;
            var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
            await using var target = await entry.OpenAsync(cancellationToken);
            await using var hashing = new HashingStream(target, long.MaxValue, name, leaveOpen: true);
            await source.CopyToAsync(hashing, cancellationToken);
            manifest.Add(name, hashing.Length64, hashing.Sha256Hex());
            context.Progress.ReportPart(60, 98, ++done, files.Count, rows);
        }
    }
}
