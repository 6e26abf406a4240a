using Orleans.Concurrency;
using System.Text.Json;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content;

/// <summary>Whole-base imports in blocks, and the consistent copy exports read.</summary>
public sealed partial class BaseContentGrain
{
    private ContentImport? _import;

    Task IBaseContentGrain.ImportBegin(Guid importId)
    {
        var reader = new ContentJsonReader(_pool);
        _import = new ContentImport(importId, reader, new ContentJsonParser(reader));
        return Task.CompletedTask;
    }

    Task IBaseContentGrain.ImportAppend(Guid importId, long offset, Immutable<byte[]> block)
    {
        var import = Import(importId);
        if (offset != import.Received)
        {
            _import = null;
            throw new ArgumentException($"The import expected its block at byte {import.Received}, not {offset}; it was dropped.", nameof(offset));
        }

        try
        {
            import.Parser.Feed(block.Value);
            import.Received += block.Value.Length;
            CheckRowLimit(import.Reader.RowCount);
        }
        catch (Exception e) when (e is JsonException or ContentFormatException or ArgumentException)
        {
            _import = null;
            throw e is ArgumentException argument ? argument : InvalidContent(e);
        }

        return Task.CompletedTask;
    }

    async Task<long> IBaseContentGrain.ImportCommit(Guid importId)
    {
        var import = Import(importId);
        _import = null;
        BaseContent content;
        try
        {
            import.Parser.Complete();
            if (!import.Parser.SawTables)
            {
                throw new ContentFormatException("content.json is not a SeaTable base: \"tables\" is missing.");
            }

            content = import.Reader.Take();
        }
        catch (Exception e) when (e is JsonException or ContentFormatException)
        {
            throw InvalidContent(e);
        }

        CheckRowLimit(content.RowCount);
        await ReplaceAsync(content, CancellationToken.None);
        ReportRowsCount();
        return content.RowCount;
    }

    Task IBaseContentGrain.ImportAbort(Guid importId)
    {
        if (_import?.Id == importId)
        {
            _import = null;
        }

        return Task.CompletedTask;
    }

    Task<ContentExport?> IBaseContentGrain.ExportContent()
    {
        if (_content is null)
        {
            return Task.FromResult<ContentExport?>(null);
        }

        using var snapshot = Snapshot(_content);
        return Task.FromResult<ContentExport?>(new ContentExport(snapshot.ToArray(), _content.RowCount));
    }

    private ContentImport Import(Guid importId) =>
        _import is { } import && import.Id == importId
            ? import
            : throw new ArgumentException(
                "The import was interrupted on the server that holds the base (it restarted or moved the base); please import again.", nameof(importId));

    /// <summary>An import in progress: the parser holds at most one unfinished piece, the reader the base built so far.</summary>
    private sealed class ContentImport(Guid id, ContentJsonReader reader, ContentJsonParser parser)
    {
        public Guid Id { get; } = id;

        public ContentJsonReader Reader { get; } = reader;

        public ContentJsonParser Parser { get; } = parser;

        public long Received { get; set; }
    }
}
