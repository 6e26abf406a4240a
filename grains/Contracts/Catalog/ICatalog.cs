namespace SeaTable.Grains.Catalog;

/// <summary>
/// The read model of everything that must be listed across grains: bases, users, organizations.
/// Grains write it (each row by its owning grain, with a version guard, through the grains' own writer
/// interface); only listing endpoints read it, through this one, which has no way to write.
/// </summary>
public interface ICatalog
{
    Task<CatalogDTable?> GetDTableAsync(Guid uuid, CancellationToken cancellationToken = default);

    Task<CatalogPage<CatalogUser>> ListUsersAsync(int offset, int limit, CancellationToken cancellationToken = default);

    Task<CatalogPage<CatalogOrganization>> ListOrganizationsAsync(int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bases matching the filter, in the filter's order, with the total count of matches: a page by offset,
    /// or after a cursor (keyset paging, fast at any depth). <see cref="CatalogPage{T}.NextCursor"/> is set
    /// when more rows follow. Each row comes with its owner's, creator's, modifier's and organization's names.
    /// </summary>
    /// <param name="countTotal">False when the caller shows no total: counting all matches costs a scan.</param>
    Task<CatalogPage<CatalogDTable>> ListDTablesAsync(DTableFilter filter, int offset, int limit, CancellationToken cancellationToken = default,
        DTableCursor? after = null, bool countTotal = true);

    Task<CatalogDTable?> GetDTableByIdAsync(long id, CancellationToken cancellationToken = default);
}

/// <summary>Which bases a listing shows. Live bases are ordered by id, trashed ones by deletion, newest first.</summary>
public sealed record DTableFilter(
    bool Deleted,
    string? OwnerId = null,
    long? OrgId = null,
    string? NameContains = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedBefore = null,
    DateTimeOffset? DeletedFrom = null,
    DateTimeOffset? DeletedBefore = null);

/// <summary>A page of rows, the total count of rows matching the query (-1 when not counted), and where the next page starts.</summary>
public sealed record CatalogPage<T>(IReadOnlyList<T> Items, long Total, DTableCursor? NextCursor = null);

/// <summary>The position after a row in a listing's order: its id, and for the trash its deletion time.</summary>
public sealed record DTableCursor(long Id, long? DeleteTime);
