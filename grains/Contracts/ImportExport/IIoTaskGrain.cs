using Orleans.Concurrency;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// One import or export task (key: the task id). It persists what it is doing, runs the work off the
/// request path on the silo's bounded task runner, and after a restart resumes the work or
/// marks it failed. A reminder deletes it and its files a while after it ended.
/// </summary>
[Alias("seatable.IIoTaskGrain")]
public interface IIoTaskGrain : IGrainWithGuidKey
{
    /// <summary>Records the task (phase "pending") without running it; idempotent for the same task.</summary>
    [Alias("Create")]
    Task Create(NewIoTask task);

    /// <summary>Queues the recorded task for running.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>
    /// The status for that caller. A status that shows the end (finished, failed) is answered once to the
    /// starter or an admin and then forgotten, as SeaTable does; the export file stays until it expires.
    /// </summary>
    [Alias("ReadStatus")]
    Task<IoTaskStatusResult> ReadStatus(string callerId, bool isAdmin, bool consume);

    /// <summary>Waits up to <paramref name="timeout"/> for the task to end; the status then (not consumed).</summary>
    [Alias("WaitForEnd")]
    [AlwaysInterleave]
    Task<IoTaskStatus?> WaitForEnd(TimeSpan timeout);

    /// <summary>Stops the task (cooperatively, waiting until its work has stopped) and removes what it made.</summary>
    [Alias("Cancel")]
    Task<IoTaskCancelResult> Cancel(string callerId, bool isAdmin);

    /// <summary>The export file's blob path, when the task is a finished export the caller may download.</summary>
    [Alias("GetDownload")]
    Task<IoTaskDownload> GetDownload(string callerId, bool isAdmin);
}

[GenerateSerializer]
public enum IoTaskKind
{
    /// <summary>A .dtable archive into a new base.</summary>
    ImportArchive,
    /// <summary>A CSV file into a new base.</summary>
    ImportCsv,
    Export,
    /// <summary>An existing base (its content, assets and comments) into a new base: dtable-copy/.</summary>
    Copy,
}

[GenerateSerializer]
public enum IoTaskPhase
{
    None,
    /// <summary>Recorded, not started yet.</summary>
    Pending,
    /// <summary>Waiting for a free slot of the runner.</summary>
    Queued,
    Running,
    Finished,
    Failed,
    Cancelled,
}

/// <summary>What a task is asked to do; the endpoint has checked names and permissions.</summary>
[GenerateSerializer, Immutable]
public sealed record NewIoTask(
    [property: Id(0)] IoTaskKind Kind,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] Guid DTableUuid,
    [property: Id(3)] long WorkspaceId,
    [property: Id(4)] string BaseName,
    [property: Id(5)] string PublicUrl,
    [property: Id(6)] bool IgnoreAsset,
    [property: Id(7)] Guid SourceUuid = default);

/// <summary>A task's status as io-status shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record IoTaskStatus(
    [property: Id(0)] IoTaskKind Kind,
    [property: Id(1)] IoTaskPhase Phase,
    [property: Id(2)] int Progress,
    [property: Id(3)] long RowsDone,
    [property: Id(4)] string? Error,
    [property: Id(5)] Guid DTableUuid)
{
    public bool IsFinished => Phase is IoTaskPhase.Finished or IoTaskPhase.Failed or IoTaskPhase.Cancelled;
}

[GenerateSerializer]
public enum IoTaskAccess
{
    Ok,
    NotFound,
    PermissionDenied,
}

[GenerateSerializer, Immutable]
public sealed record IoTaskStatusResult([property: Id(0)] IoTaskAccess Access, [property: Id(1)] IoTaskStatus? Status = null);

[GenerateSerializer, Immutable]
public sealed record IoTaskCancelResult(
    [property: Id(0)] IoTaskAccess Access,
    [property: Id(1)] IoTaskKind Kind = default,
    [property: Id(2)] Guid DTableUuid = default);

[GenerateSerializer, Immutable]
public sealed record IoTaskDownload(
    [property: Id(0)] IoTaskAccess Access,
    [property: Id(1)] IoTaskStatus? Status = null,
    [property: Id(2)] string? ResultPath = null,
    [property: Id(3)] string? BaseName = null);
