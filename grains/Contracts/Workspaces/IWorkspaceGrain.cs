namespace SeaTable.Grains.Workspaces;

/// <summary>
/// A workspace (key: its integer id): its owner and the names of its bases. Base names are unique per
/// workspace among live bases, compared case-insensitively (as SeaTable's MySQL collation does); the
/// workspace grain is the one place that decides a name is free.
/// </summary>
[Alias("seatable.IWorkspaceGrain")]
public interface IWorkspaceGrain : IGrainWithIntegerKey
{
    [Alias("Initialize")]
    Task Initialize(string ownerId, long orgId);

    [Alias("GetInfo")]
    Task<WorkspaceInfo?> GetInfo();

    /// <summary>The live base holding this name, if any.</summary>
    [Alias("Resolve")]
    Task<Guid?> Resolve(string name);

    /// <summary>Claims the name for the base; idempotent for the same base, false when another base holds it.</summary>
    [Alias("TryAddBase")]
    Task<bool> TryAddBase(string name, Guid dtableUuid);

    /// <summary>Moves the base to a new name; idempotent, false when another base holds the new name.</summary>
    [Alias("TryRenameBase")]
    Task<bool> TryRenameBase(string oldName, string newName, Guid dtableUuid);

    /// <summary>Frees the base's name and records it as trashed; idempotent.</summary>
    [Alias("MoveToTrash")]
    Task MoveToTrash(Guid dtableUuid);

    /// <summary>Gives the trashed base its name back; false when a live base holds it now.</summary>
    [Alias("TryRestore")]
    Task<bool> TryRestore(string name, Guid dtableUuid);

    /// <summary>Forgets the base entirely (after purge); idempotent.</summary>
    [Alias("RemoveBase")]
    Task RemoveBase(Guid dtableUuid);

    [Alias("ListLive")]
    Task<IReadOnlyList<WorkspaceEntry>> ListLive();

    [Alias("ListTrashed")]
    Task<IReadOnlyList<Guid>> ListTrashed();
}

[GenerateSerializer, Immutable]
public sealed record WorkspaceInfo(long Id, string OwnerId, long OrgId);

[GenerateSerializer, Immutable]
public sealed record WorkspaceEntry(string Name, Guid DTableUuid);
