namespace SeaTable.Grains.Catalog;

/// <summary>One base as the catalog lists it. Times are UTC.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogDTable(
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
    long RowsCount,
    long Version,
    CatalogNames? Names = null);

/// <summary>
/// The display names a listing shows with a base, read in the same query: null where the catalog has no
/// such user (deleted) or organization.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CatalogNames(string? Owner, string? Creator, string? Modifier, string? Organization);

/// <summary>One account as the admin user listing shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogUser(
    string Id,
    string ContactEmail,
    string Name,
    bool IsStaff,
    bool IsActive,
    long OrgId,
    DateTimeOffset CreatedAt);

/// <summary>One organization as the admin organization listing shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogOrganization(
    long Id,
    string Name,
    string CreatorId,
    string UrlPrefix,
    DateTimeOffset CreatedAt);
