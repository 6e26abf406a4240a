namespace SeaTable.Grains.DTables;

/// <summary>A base as the API shows it. Creator and modifier are user ids; the API turns them into names.</summary>
[GenerateSerializer, Immutable]
public sealed record DTableInfo(
    long Id,
    Guid Uuid,
    long WorkspaceId,
    string OwnerId,
    long OrgId,
    string Name,
    string CreatorId,
    string ModifierId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Deleted,
    DateTimeOffset? DeleteTime,
    string? Color,
    string? TextColor,
    string? Icon,
    long RowsCount);

/// <summary>
/// The fields of a new base, already validated by the caller. With <paramref name="ImportTaskId"/> the base
/// gets its content from that import task: it holds its name but stays invisible until the task completes it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewDTable(
    long Id,
    long WorkspaceId,
    string OwnerId,
    long OrgId,
    string Name,
    string CreatorId,
    string? Color,
    string? TextColor,
    string? Icon,
    Guid? ImportTaskId = null);

[GenerateSerializer]
public enum DTableError
{
    None,
    NotFound,
    PermissionDenied,
    NameTaken,
    NotInTrash,
    AlreadyShared,
    NotShared,
    ShareWithOwner,
}

[GenerateSerializer, Immutable]
public sealed record DTableResult(DTableError Error, DTableInfo? Table = null)
{
    public static DTableResult Fail(DTableError error) => new(error);
}

/// <summary>One user a base is shared with.</summary>
[GenerateSerializer, Immutable]
public sealed record DTableShare(string UserId, string Permission);

/// <summary>What a base is to an import task.</summary>
[GenerateSerializer]
public enum ImportTargetState
{
    /// <summary>No base waits for the task (never created, or abandoned).</summary>
    Missing,
    /// <summary>The base holds its name and waits for the task's content.</summary>
    Waiting,
    /// <summary>The task already completed the base.</summary>
    Completed,
}
