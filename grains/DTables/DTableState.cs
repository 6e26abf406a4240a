namespace SeaTable.Grains.DTables;

[GenerateSerializer]
public enum DTableStatus
{
    /// <summary>No base (never created, or purged).</summary>
    None,
    /// <summary>Written before the name is claimed; activation finishes or abandons it.</summary>
    Creating,
    Active,
    Trashed,
    /// <summary>
    /// Holds its name while an import task fills it; invisible and inaccessible. The task completes it
    /// (Active) or abandons it (None): a crash leaves no half-imported base visible.
    /// </summary>
    Importing,
    /// <summary>Purge started; activation finishes it.</summary>
    Purging,
}

/// <summary>A change to other grains that was started but not yet confirmed (the grain's intent log).</summary>
[GenerateSerializer]
public enum PendingChange
{
    None,
    Rename,
    Trash,
    Restore,
}

[GenerateSerializer]
public sealed class DTableState
{
    [Id(0)] public DTableStatus Status { get; set; }
    [Id(1)] public long Id { get; set; }
    [Id(2)] public long WorkspaceId { get; set; }
    [Id(3)] public string OwnerId { get; set; } = "";
    [Id(4)] public long OrgId { get; set; } = -1;
    [Id(5)] public string Name { get; set; } = "";
    [Id(6)] public string CreatorId { get; set; } = "";
    [Id(7)] public string ModifierId { get; set; } = "";
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(10)] public DateTimeOffset? DeleteTime { get; set; }
    [Id(11)] public string? Color { get; set; }
    [Id(12)] public string? TextColor { get; set; }
    [Id(13)] public string? Icon { get; set; }
    [Id(14)] public Dictionary<string, string> Shares { get; set; } = [];
    [Id(15)] public PendingChange Pending { get; set; }
    [Id(16)] public string? PendingName { get; set; }
    /// <summary>Raised on every change; the catalog keeps only the highest version it has seen.</summary>
    [Id(17)] public long Version { get; set; }
    [Id(18)] public long RowsCount { get; set; }
    /// <summary>The base's API tokens by app name; names compare case-insensitively (see <see cref="AppNames"/>).</summary>
    [Id(19)] public Dictionary<string, SeaTable.Grains.ApiTokens.ApiTokenEntry> ApiTokens { get; set; } = [];
    /// <summary>The import task that fills the base, when it was created by an import.</summary>
    [Id(20)] public Guid? ImportTaskId { get; set; }
    /// <summary>
    /// Whether the creating call itself answered the creation (false when an interrupted creation was finished
    /// later): only such an unanswered creation counts as the earlier attempt of a retried create.
    /// </summary>
    [Id(21)] public bool CreateAnswered { get; set; }
    /// <summary>
    /// Accounts whose list of shared bases has not learnt yet that this base was shared (true) or unshared
    /// (false) with them: the share is recorded here first, the account told after, and healing tells it when
    /// that step was interrupted.
    /// </summary>
    [Id(22)] public Dictionary<string, bool> ShareListSync { get; set; } = [];

    /// <summary>A base at the first step of its creation: recorded, its name not claimed yet.</summary>
    public static DTableState Creating(NewDTable table, DateTimeOffset now) => new()
    {
        Status = DTableStatus.Creating,
        Id = table.Id,
        WorkspaceId = table.WorkspaceId,
        OwnerId = table.OwnerId,
        OrgId = table.OrgId,
        Name = table.Name,
        CreatorId = table.CreatorId,
        ModifierId = table.CreatorId,
        CreatedAt = now,
        UpdatedAt = now,
        Color = table.Color,
        TextColor = table.TextColor,
        Icon = table.Icon,
        ImportTaskId = table.ImportTaskId,
    };

    public DTableInfo ToInfo(Guid uuid) => new(
        Id, uuid, WorkspaceId, OwnerId, OrgId, Name, CreatorId, ModifierId, CreatedAt, UpdatedAt,
        Status == DTableStatus.Trashed, DeleteTime, Color, TextColor, Icon, RowsCount);

    public SeaTable.Grains.Catalog.CatalogDTable ToCatalogRow(Guid uuid) => new(
        Id, uuid, WorkspaceId, OwnerId, OrgId, Name, CreatorId, ModifierId, CreatedAt, UpdatedAt,
        Status == DTableStatus.Trashed, DeleteTime, RowsCount, Version);
}

/// <summary>
/// App names are unique per base without regard to case, as SeaTable's MySQL collation compares them:
/// "Gmail" and "gmail" are the same app. The original spelling is kept for display.
/// </summary>
public static class AppNames
{
    public static string Key(string appName) => appName.ToUpperInvariant();
}
