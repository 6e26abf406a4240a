using SeaTable.Grains.Catalog;

namespace SeaTable.Tests.Infrastructure;

/// <summary>Arms failures of the catalog's base writes, as a database outage or a crash would cause them.</summary>
public sealed class CatalogFaults
{
    private int _failNextDTableWrites;

    public void FailNextDTableWrites(int count) => Volatile.Write(ref _failNextDTableWrites, count);

    public void Clear() => Volatile.Write(ref _failNextDTableWrites, 0);

    internal void ThrowIfArmed()
    {
        var remaining = Volatile.Read(ref _failNextDTableWrites);
        while (remaining > 0)
        {
            if (Interlocked.CompareExchange(ref _failNextDTableWrites, remaining - 1, remaining) == remaining)
            {
                throw new InvalidOperationException("Injected catalog failure.");
            }

            remaining = Volatile.Read(ref _failNextDTableWrites);
        }
    }
}

/// <summary>The real catalog, with base writes that fail on demand (see <see cref="CatalogFaults"/>).</summary>
public sealed class FaultInjectingCatalog(ICatalogWriter inner, CatalogFaults faults) : ICatalogWriter
{
    public Task UpsertDTableAsync(CatalogDTable row, CancellationToken cancellationToken = default)
    {
        faults.ThrowIfArmed();
        return inner.UpsertDTableAsync(row, cancellationToken);
    }

    public Task DeleteDTableAsync(Guid uuid, CancellationToken cancellationToken = default)
    {
        faults.ThrowIfArmed();
        return inner.DeleteDTableAsync(uuid, cancellationToken);
    }

    public Task<CatalogDTable?> GetDTableAsync(Guid uuid, CancellationToken cancellationToken = default) => inner.GetDTableAsync(uuid, cancellationToken);

    public Task UpsertUserAsync(CatalogUser row, CancellationToken cancellationToken = default) => inner.UpsertUserAsync(row, cancellationToken);

    public Task UpsertOrganizationAsync(CatalogOrganization row, CancellationToken cancellationToken = default) => inner.UpsertOrganizationAsync(row, cancellationToken);

    public Task<CatalogPage<CatalogUser>> ListUsersAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        inner.ListUsersAsync(offset, limit, cancellationToken);

    public Task<CatalogPage<CatalogOrganization>> ListOrganizationsAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        inner.ListOrganizationsAsync(offset, limit, cancellationToken);

    public Task<CatalogPage<CatalogDTable>> ListDTablesAsync(DTableFilter filter, int offset, int limit, CancellationToken cancellationToken = default,
        DTableCursor? after = null, bool countTotal = true) => inner.ListDTablesAsync(filter, offset, limit, cancellationToken, after, countTotal);

    public Task<CatalogDTable?> GetDTableByIdAsync(long id, CancellationToken cancellationToken = default) => inner.GetDTableByIdAsync(id, cancellationToken);

}
