using Orleans.Concurrency;
using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IO;
using SeaTable.Grains.Common;
using SeaTable.Grains.Connections;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;
using SeaTable.Grains.Content.Storage;
using SeaTable.Grains.DTables;

namespace SeaTable.Grains.Content;

/// <summary>
/// A base's content in memory, written as an operation log plus periodic snapshots (as SeaTable's own
/// server does): a write appends one log row, committed before it is acknowledged, and never rewrites the
/// base. Activation loads the last snapshot and replays the log after it. A snapshot is written every
/// <see cref="ContentOptions.SnapshotEveryOperations"/> writes, or when the log outgrows the snapshot,
/// and on deactivation; it deletes the log rows it covers. After each write the operations go to the
/// base's sockets as "update-dtable" events.
/// </summary>
public sealed partial class BaseContentGrain(
    [PersistentState("content", StorageNames.Main)] IPersistentState<BaseContentState> legacy,
    IContentStore store,
    RecyclableMemoryStreamManager streams,
    IOptions<ContentOptions> options,
    IOptions<SeaTable.Grains.Content.Sql.SqlOptions> sqlOptions,
    TimeProvider clock,
    SeaTable.Grains.Hosting.ClusterPeers peers,
    ILogger<BaseContentGrain> logger) : Grain, IBaseContentGrain
{
    private readonly StringPool _pool = new();
    private const int KeptBufferBytes = 1 << 20;
    private ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private BaseContent? _content;
    private long _snapshotBytes;
    private int _operationsSinceSnapshot;
    private long _logBytesSinceSnapshot;
    private long _reportedRows = -1;
    private IGrainTimer? _snapshotTimer;
    private IGrainTimer? _reportTimer;
    private bool _broken;

    private Guid Uuid => this.GetPrimaryKey();

    private ContentOptions Limits => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(Uuid, cancellationToken);
        var reader = new ContentJsonReader(_pool);
        if (stored.Snapshot is { } snapshot)
        {
            // Piece by piece: a large base costs its model, not its text and a parsed document besides.
            await using (var text = Payloads.Open(snapshot))
            {
                await new ContentJsonParser(reader).ReadAsync(text, cancellationToken);
            }

            _content = reader.Take();
            _content.Version = stored.SnapshotVersion;
            _snapshotBytes = snapshot.Length;
        }

        foreach (var operation in stored.Operations)
        {
            _content ??= new BaseContent { Version = stored.SnapshotVersion };
            foreach (var op in ContentOpLog.Decode(operation.Data, reader))
            {
                op.Apply(_content);
            }

            _content.Version = operation.Version;
            _operationsSinceSnapshot++;
            _logBytesSinceSnapshot += operation.Data.Length;
        }

        if (stored.IsEmpty && legacy.State.ContentJson is { } legacyJson)
        {
            await ReplaceAsync(Parse(legacyJson), cancellationToken);
            await legacy.ClearStateAsync(cancellationToken);
        }

        _reportedRows = _content?.RowCount ?? -1;
        LogLoaded(Uuid, _content?.Version ?? 0, stored.Operations.Count, _content?.RowCount ?? 0);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            if (_content is not null && _operationsSinceSnapshot > 0 && !_broken)
            {
                await SnapshotAsync(cancellationToken);
            }

            // A lone silo that stops has nowhere to place the base grain (it may have gone already): the call
            // would only fail, loudly.
            if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || peers.AnyOtherActive)
            {
                ReportRowsCount();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The log holds every acknowledged write: a missed snapshot only makes the next activation replay more.
            LogSnapshotFailed(e, Uuid);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    async Task<long> IBaseContentGrain.Initialize(string creatorId)
    {
        if (_content is not null)
        {
            return _content.RowCount;
        }

        var content = Parse(DefaultContent.Create(creatorId, clock.GetUtcNow()).ToJsonString());
        await ReplaceAsync(content, CancellationToken.None);
        return content.RowCount;
    }

    Task<string?> IBaseContentGrain.GetContentJson() =>
        Task.FromResult(_content is null ? null : Encoding.UTF8.GetString(Json(w => ContentJsonWriter.WriteContent(w, _content))));

    private void CheckRowLimit(long rows)
    {
        if (rows > Limits.MaxRows)
        {
            throw new ArgumentException($"The number of rows exceeds the limit of {Limits.MaxRows}.", "contentJson");
        }
    }

    private static ArgumentException InvalidContent(Exception e) => new($"The content is not a valid content.json: {e.Message}", "contentJson");

    async Task IBaseContentGrain.Clear()
    {
        await store.DeleteAsync(Uuid);
        if (legacy.RecordExists)
        {
            await legacy.ClearStateAsync();
        }

        _content = null;
        _import = null;
        _operationsSinceSnapshot = 0;
        _logBytesSinceSnapshot = 0;
        _snapshotBytes = 0;
        _reportedRows = -1;
        _snapshotTimer?.Dispose();
        _snapshotTimer = null;
        _reportTimer?.Dispose();
        _reportTimer = null;
    }

    /// <summary>Makes <paramref name="content"/> the whole base, durably, as a snapshot newer than anything before.</summary>
    private async Task ReplaceAsync(BaseContent content, CancellationToken cancellationToken)
    {
        content.Version = Math.Max(content.Version, (_content?.Version ?? 0) + 1);
        await using (var snapshot = Snapshot(content))
        {
            await store.SaveSnapshotAsync(Uuid, content.Version, snapshot, cancellationToken);
            _snapshotBytes = snapshot.Length;
        }

        _content = content;
        _operationsSinceSnapshot = 0;
        _logBytesSinceSnapshot = 0;
    }

    /// <summary>
    /// Logs the operations of one write as the next version (durable on return), then applies them and
    /// sends them to the base's sockets; <paramref name="reply"/> (the call's answer) is recorded with them when the
    /// call has an Idempotency-Key. A failed log write ends this activation: the next one reloads
    /// whatever the store holds, so memory never runs ahead of, or behind, the log.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<ContentOp> operations, ContentReply? reply = null)
    {
        var content = _content!;
        var (events, record) = ContentOpLog.Encode(operations);
        var version = content.Version + 1;
        try
        {
            await store.AppendAsync(Uuid, version, record, TakeKeyedAnswer(reply));
        }
        catch
        {
            _broken = true;
            DeactivateOnIdle();
            throw;
        }

        foreach (var operation in operations)
        {
            operation.Apply(content);
        }

        _sqlVectors.Clear();
        content.Version = version;
        _operationsSinceSnapshot++;
        _logBytesSinceSnapshot += record.Length;
        Publish(events, version);
        ScheduleMaintenance();
    }

    private void Publish(IReadOnlyList<byte[]> events, long version) =>
        GrainFactory.GetGrain<IBaseConnectionsGrain>(Uuid).Publish([.. events.Select(e => Encoding.UTF8.GetString(e))], version).Ignore();

    private void ScheduleMaintenance()
    {
        if (_snapshotTimer is null && (_operationsSinceSnapshot >= Limits.SnapshotEveryOperations
                                       || _logBytesSinceSnapshot >= Math.Max(Limits.SnapshotMinLogBytes, _snapshotBytes)))
        {
            // Written in a turn of its own, after the write that crossed the threshold has been answered.
            _snapshotTimer = this.RegisterGrainTimer(async ct =>
            {
                _snapshotTimer?.Dispose();
                _snapshotTimer = null;
                if (_content is not null && _operationsSinceSnapshot > 0)
                {
                    await SnapshotAsync(ct);
                }
            }, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
        }

        if (_reportTimer is null && _content?.RowCount != _reportedRows)
        {
            _reportTimer = this.RegisterGrainTimer(_ =>
            {
                _reportTimer?.Dispose();
                _reportTimer = null;
                ReportRowsCount();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions { DueTime = Limits.RowsCountReportInterval, Period = Timeout.InfiniteTimeSpan });
        }
    }

    private async Task SnapshotAsync(CancellationToken cancellationToken)
    {
        var content = _content!;
        var version = content.Version;
        await using var snapshot = Snapshot(content);
        await store.SaveSnapshotAsync(Uuid, version, snapshot, cancellationToken);
        _snapshotBytes = snapshot.Length;
        _operationsSinceSnapshot = 0;
        _logBytesSinceSnapshot = 0;
        LogSnapshot(Uuid, version, snapshot.Length);
    }

    /// <summary>Tells the base its row count (one-way), for the catalog's rows_count; only when it changed.</summary>
    private void ReportRowsCount()
    {
        if (_content is { } content && content.RowCount != _reportedRows)
        {
            _reportedRows = content.RowCount;
            // A call back into the base grain, which calls this one (Initialize, Clear) and may be waiting on it
            // right now: SetRowsCount is [OneWay] and not awaited, so neither grain ever waits for the other here.
            GrainFactory.GetGrain<IDTableGrain>(Uuid).SetRowsCount(content.RowCount).Ignore();
        }
    }

    /// <summary>The content as gzip-compressed content.json, in pooled blocks (no array the size of the snapshot).</summary>
    private RecyclableMemoryStream Snapshot(BaseContent content)
    {
        var output = streams.GetStream(nameof(Snapshot));
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip))
        {
            ContentJsonWriter.WriteContent(writer, content);
        }

        output.Position = 0;
        return output;
    }

    private BaseContent Parse(string contentJson)
    {
        using var document = JsonDocument.Parse(contentJson);
        return new ContentJsonReader(_pool).Read(document.RootElement);
    }

    private byte[] Json(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            write(writer);
        }

        var json = _buffer.WrittenSpan.ToArray();
        if (_buffer.Capacity > KeptBufferBytes)
        {
            // A whole large base went through it: the activation keeps a small buffer, not the base's size.
            _buffer = new ArrayBufferWriter<byte>(16 * 1024);
        }

        return json;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Base {Uuid} content loaded: version {Version}, {Replayed} logged writes replayed, {Rows} rows")]
    private partial void LogLoaded(Guid uuid, long version, int replayed, long rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Base {Uuid} snapshot at version {Version}: {Bytes} bytes")]
    private partial void LogSnapshot(Guid uuid, long version, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Base {Uuid}: the snapshot on deactivation failed; the log still holds every write")]
    private partial void LogSnapshotFailed(Exception exception, Guid uuid);
}
