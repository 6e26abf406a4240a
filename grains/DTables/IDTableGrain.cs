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

    /// <summary>The base, live or trashed; null when it does not exist (or was purged).</summary>
    [Alias("GetInfo")]
    Task<DTableInfo?> GetInfo();

    /// <summary>What the user may do with the live base; <see cref="AccessLevel.None"/> once trashed.</summary>
    [Alias("GetAccess")]
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
}
