namespace SeaTable.Grains.Catalog;

/// <summary>
/// The catalog's writes, for the grains that own its rows. Kept out of the contracts, so the API, which
/// sees only <see cref="ICatalog"/>, cannot write the read model.
/// </summary>
public interface ICatalogWriter : ICatalog
{
    /// <summary>Inserts or updates the row unless the stored row already has a higher or equal version.</summary>
    Task UpsertDTableAsync(CatalogDTable row, CancellationToken cancellationToken = default);

    Task DeleteDTableAsync(Guid uuid, CancellationToken cancellationToken = default);

    Task UpsertUserAsync(CatalogUser row, CancellationToken cancellationToken = default);

    Task UpsertOrganizationAsync(CatalogOrganization row, CancellationToken cancellationToken = default);
}
