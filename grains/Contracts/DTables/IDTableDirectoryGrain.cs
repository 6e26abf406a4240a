namespace SeaTable.Grains.DTables;

/// <summary>
/// The base operations that span several grains (id sequence, base, import task), so that an endpoint calls
/// one grain for them. A stateless worker: it holds no state of its own; the base grain it creates records
/// the intent and finishes or undoes an interrupted creation itself.
/// </summary>
[Alias("seatable.IDTableDirectoryGrain")]
public interface IDTableDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>A new base with the next base id; <see cref="DTableError.NameTaken"/> when a live base of the workspace has the name.</summary>
    [Alias("CreateDTable")]
    Task<DTableResult> CreateDTable(DTableDraft draft);

    /// <summary>
    /// The base an import task fills: created holding its name (invisible until the task completes it), then the
    /// recorded task <paramref name="taskId"/> is started. When the name is taken the task is cancelled instead
    /// (which removes its upload) and <see cref="DTableError.NameTaken"/> is returned.
    /// </summary>
    [Alias("CreateImportedDTable")]
    Task<DTableResult> CreateImportedDTable(Guid taskId, Guid uuid, DTableDraft draft, bool callerIsAdmin);

    /// <summary>
    /// A copy of the base <paramref name="sourceUuid"/> (content, assets, comments) as a new base: a copy task is
    /// recorded, the new base created holding its name (invisible until the task completes it), then the task is
    /// started; wait for its end with the task grain. <see cref="DTableError.NameTaken"/> (and no task left running)
    /// when a live base of the workspace has the name. The caller has checked that it may read the source and write
    /// the workspace.
    /// </summary>
    [Alias("CopyDTable")]
    Task<DTableResult> CopyDTable(Guid taskId, Guid sourceUuid, DTableDraft draft, string publicUrl);
}

/// <summary>The fields of a new base, already validated and permitted by the caller; its id is handed out on creation.</summary>
[GenerateSerializer, Immutable, Alias("seatable.DTableDraft")]
public sealed record DTableDraft(
    [property: Id(0)] long WorkspaceId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] long OrgId,
    [property: Id(3)] string Name,
    [property: Id(4)] string CreatorId,
    [property: Id(5)] string? Color = null,
    [property: Id(6)] string? TextColor = null,
    [property: Id(7)] string? Icon = null);
