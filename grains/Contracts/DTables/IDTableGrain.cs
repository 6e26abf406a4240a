using Orleans.Concurrency;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Common;

namespace SeaTable.Grains.DTables;

/// <summary>
/// A base's metadata, shares and trash lifecycle (key: the base uuid). It drives every multi-grain change
/// of its base (workspace name, content, catalog row, purge reminder) and finishes or undoes an interrupted
/// one when it next activates.
/// </summary>
[Alias("seatable.IDTableGrain")]
public interface IDTableGrain : IGrainWithGuidKey
{
    [Alias("Create")]
    Task<DTableResult> Create(NewDTable table);

    /// <summary>
    /// The base, when it is the finished creation that <paramref name="draft"/> retries: same workspace, creator,
    /// name and looks, created within the last minutes, and never answered to its creator (its creating call
    /// failed or died and the base finished it later). Null otherwise: a second create is then a duplicate.
    /// </summary>
    [Alias("AnswerRetry")]
    Task<DTableInfo?> AnswerRetry(DTableDraft draft);

    /// <summary>
    /// The base, live or trashed; null when it does not exist (or was purged). Read-only and interleaved:
    /// grains this one calls (API tokens) may ask it while it waits on them, without a deadlock.
    /// </summary>
    [Alias("GetInfo")]
    [AlwaysInterleave]
    Task<DTableInfo?> GetInfo();

    /// <summary>What the user may do with the live base; <see cref="AccessLevel.None"/> once trashed.</summary>
    [Alias("GetAccess")]
    [AlwaysInterleave]
    Task<AccessLevel> GetAccess(string userId);

    [Alias("Rename")]
    Task<DTableResult> Rename(string callerId, string newName);

    [Alias("MoveToTrash")]
    Task<DTableResult> MoveToTrash(string callerId);

    /// <summary>Restores a trashed base under its name. A null caller is a system admin, allowed on any base.</summary>
    [Alias("Restore")]
    Task<DTableResult> Restore(string? callerId);

    /// <summary>Deletes the trashed base for good. Idempotent; a null caller is the system (reminder, admin).</summary>
    [Alias("Purge")]
    Task<DTableResult> Purge(string? callerId);

    [Alias("ListShares")]
    Task<IReadOnlyList<DTableShare>> ListShares();

    [Alias("Share")]
    Task<DTableResult> Share(string callerId, string targetUserId, string permission);

    [Alias("UpdateShare")]
    Task<DTableResult> UpdateShare(string callerId, string targetUserId, string permission);

    [Alias("Unshare")]
    Task<DTableResult> Unshare(string callerId, string targetUserId);

    /// <summary>A new API token for an app (owner only); app names are unique per base, ignoring case.</summary>
    [Alias("CreateApiToken")]
    Task<ApiTokenResult> CreateApiToken(string callerId, string appName, string permission);

    [Alias("ListApiTokens")]
    Task<ApiTokenResult> ListApiTokens(string callerId);

    [Alias("UpdateApiToken")]
    Task<ApiTokenResult> UpdateApiToken(string callerId, string appName, string permission);

    /// <summary>Beyond SeaTable: the owner sets a token's requests-per-minute limit (null: the server's default).</summary>
    [Alias("SetApiTokenRateLimit")]
    Task<ApiTokenResult> SetApiTokenRateLimit(string callerId, string appName, int? requestsPerMinute);

    [Alias("DeleteApiToken")]
    Task<ApiTokenResult> DeleteApiToken(string callerId, string appName);

    /// <summary>
    /// The content grain's row count, reported now and then (one-way, so it never waits on this grain): kept
    /// for the catalog's rows_count.
    /// </summary>
    [Alias("SetRowsCount")]
    [OneWay]
    Task SetRowsCount(long rowsCount);

    /// <summary>The tokens' app names and last access, for any user with access to the base (E8).</summary>
    [Alias("ListApiTokenStatus")]
    Task<ApiTokenResult> ListApiTokenStatus(string callerId);

    /// <summary>Whether the base waits for that import task, was already completed by it, or is not its base.</summary>
    [Alias("GetImportState")]
    [AlwaysInterleave]
    Task<ImportTargetState> GetImportState(Guid taskId);

    /// <summary>
    /// The import task has written the content: the base becomes live with that row count. Idempotent; false
    /// when the base is not (or no longer) waiting for that task.
    /// </summary>
    [Alias("CompleteImport")]
    Task<bool> CompleteImport(Guid taskId, long rowsCount);

    /// <summary>
    /// The import task failed or was cancelled: the base, its name, content and assets are removed. Idempotent;
    /// nothing happens unless the base is waiting for that task.
    /// </summary>
    [Alias("AbandonImport")]
    Task AbandonImport(Guid taskId);
}
