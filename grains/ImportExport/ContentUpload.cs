using Orleans.Concurrency;
using System.Buffers;
using System.Text.Json;
using SeaTable.Grains.Content;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// A content.json written straight into a base's content grain, in blocks of 64 KB
/// (<see cref="IBaseContentGrain.ImportBegin"/>): neither side ever holds the whole text, and the grain
/// builds the base as the blocks arrive. Nothing changes in the base until <see cref="CommitAsync"/>;
/// disposing without a commit drops the import.
/// </summary>
internal sealed class ContentUpload : IAsyncDisposable
{
    /// <summary>Below the large object heap's threshold: a block is short-lived garbage, cheap to collect.</summary>
    private const int BlockBytes = 64 * 1024;

    private readonly IBaseContentGrain _grain;
    private readonly Guid _id = Guid.NewGuid();
    private readonly ArrayBufferWriter<byte> _buffer = new(BlockBytes * 2);
    private long _sent;
    private bool _open = true;

    private ContentUpload(IBaseContentGrain grain)
    {
        _grain = grain;
        Writer = new Utf8JsonWriter(_buffer, ContentJsonRewriter.WriterOptions);
    }

    /// <summary>Where the content.json is written; <see cref="SendFullBlocksAsync"/> passes it on.</summary>
    public Utf8JsonWriter Writer { get; }

    public static async Task<ContentUpload> BeginAsync(IBaseContentGrain grain)
    {
        var upload = new ContentUpload(grain);
        await grain.ImportBegin(upload._id);
        return upload;
    }

    /// <summary>Sends what has been written once it makes a block; call it every few rows.</summary>
    public async ValueTask SendFullBlocksAsync()
    {
        Writer.Flush();
        if (_buffer.WrittenCount >= BlockBytes)
        {
            await SendAsync();
        }
    }

    /// <summary>Sends the rest and makes the content the base's; the row count.</summary>
    public async Task<long> CommitAsync()
    {
        Writer.Flush();
        if (_buffer.WrittenCount > 0)
        {
            await SendAsync();
        }

        _open = false;
        return await Refused(_grain.ImportCommit(_id));
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        if (_open)
        {
            _open = false;
            try
            {
                await _grain.ImportAbort(_id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The import is only memory in the grain: an abort that does not arrive is dropped when the
                // activation ends or the base's next import begins.
            }
        }
    }

    private async Task SendAsync()
    {
        for (var start = 0; start < _buffer.WrittenCount; start += BlockBytes)
        {
            var block = _buffer.WrittenSpan.Slice(start, Math.Min(BlockBytes, _buffer.WrittenCount - start)).ToArray();
            await Refused(_grain.ImportAppend(_id, _sent, new Immutable<byte[]>(block)));
            _sent += block.Length;
        }

        _buffer.ResetWrittenCount();
    }

    /// <summary>The grain's refusals (its content rules, its row limit, a lost import) fail the task with its words.</summary>
    private async Task<T> Refused<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (ArgumentException e)
        {
            throw Failed(e);
        }
    }

    private async Task Refused(Task call)
    {
        try
        {
            await call;
        }
        catch (ArgumentException e)
        {
            throw Failed(e);
        }
    }

    private IoTaskFailedException Failed(ArgumentException e)
    {
        // A refused import is already dropped by the grain.
        _open = false;
        return new IoTaskFailedException(e.Message.Split(" (Parameter", 2)[0]);
    }
}
