namespace SeaTable.Grains.Catalog;

/// <summary>
/// The read model of everything that must be listed across grains: bases, users, organizations.
/// Grains write it (each row by its owning grain, with a version guard); only listing endpoints read it.
/// </summary>
public interface ICatalog
{
    /// <summary>Inserts or updates the row unless the stored row already has a higher or equal version.</summary>
    Task UpsertDTableAsync(CatalogDTable row, CancellationToken cancellationToken = default);

    Task DeleteDTableAsync(Guid uuid, CancellationToken cancellationToken = default);

    Task<CatalogDTable?> GetDTableAsync(Guid uuid, CancellationToken cancellationToken = default);

    Task UpsertUserAsync(CatalogUser row, CancellationToken cancellationToken = default);

    Task UpsertOrganizationAsync(CatalogOrganization row, CancellationToken cancellationToken = default);

    Task<CatalogPage<CatalogUser>> ListUsersAsync(int offset, int limit, CancellationToken cancellationToken = default);

    Task<CatalogPage<CatalogOrganization>> ListOrganizationsAsync(int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>Bases matching the filter, in the filter's order, with the total count of matches.</summary>
    Task<CatalogPage<CatalogDTable>> ListDTablesAsync(DTableFilter filter, int offset, int limit, CancellationToken cancellationToken = default);

    Task<CatalogDTable?> GetDTableByIdAsync(long id, CancellationToken cancellationToken = default);
}

/// <summary>Which bases a listing shows. Live bases are ordered by id, trashed ones by deletion, newest first.</summary>
public sealed record DTableFilter(bool Deleted, string? OwnerId = null, long? OrgId = null);

/// <summary>A page of rows and the total count of rows matching the query.</summary>
public sealed record CatalogPage<T>(IReadOnlyList<T> Items, long Total);
