using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Sequences;
using SeaTable.Grains.Workspaces;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

/// <summary>
/// The catalog write that follows a base's own state write fails (database outage, crash of the
/// connection). The change itself stands; the next call on the base must bring the catalog back in line.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class CatalogRepairTests(GrainCluster cluster) : IDisposable
{
    private readonly string _owner = UserIds.NewVirtualId();
    private readonly long _workspaceId = Random.Shared.NextInt64(1_000_000, long.MaxValue);

    public void Dispose() => cluster.CatalogFaults.Clear();

    private async Task<(IDTableGrain Grain, Guid Uuid)> CreateAsync(string name)
    {
        await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Initialize(_owner, -1);
        var uuid = Guid.NewGuid();
        var id = await cluster.Grains.GetGrain<IIdSequenceGrain>(Sequences.DTable).Next();
        var grain = cluster.Grains.GetGrain<IDTableGrain>(uuid);
        Assert.Equal(DTableError.None, (await grain.Create(new NewDTable(id, _workspaceId, _owner, -1, name, _owner, null, null, null))).Error);
        return (grain, uuid);
    }

    private async Task<CatalogDTable?> EventuallyAsync(Guid uuid, Func<CatalogDTable?, bool> expected)
    {
        // Deactivation after the failure is asynchronous: give the repair a few moments.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var row = await cluster.Catalog.GetDTableAsync(uuid);
            if (expected(row))
            {
                return row;
            }

            await Task.Delay(100);
        }

        return await cluster.Catalog.GetDTableAsync(uuid);
    }

    [Fact]
    public async Task A_failed_catalog_write_on_create_is_repaired_by_the_next_call()
    {
        await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Initialize(_owner, -1);
        var uuid = Guid.NewGuid();
        var grain = cluster.Grains.GetGrain<IDTableGrain>(uuid);
        cluster.CatalogFaults.FailNextDTableWrites(1);

        await Assert.ThrowsAnyAsync<Exception>(() => grain.Create(new NewDTable(424242, _workspaceId, _owner, -1, "made", _owner, null, null, null)));
        Assert.Null(await cluster.Catalog.GetDTableAsync(uuid));

        Assert.Equal("made", (await grain.GetInfo())?.Name);
        Assert.Equal("made", (await EventuallyAsync(uuid, row => row?.Name == "made"))?.Name);
    }

    [Fact]
    public async Task A_failed_catalog_write_on_rename_trash_and_restore_is_repaired_by_the_next_call()
    {
        var (grain, uuid) = await CreateAsync("first");

        cluster.CatalogFaults.FailNextDTableWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Rename(_owner, "second"));
        Assert.Equal("first", (await cluster.Catalog.GetDTableAsync(uuid))?.Name);
        Assert.Equal("second", (await grain.GetInfo())?.Name);
        Assert.Equal("second", (await EventuallyAsync(uuid, row => row?.Name == "second"))?.Name);

        cluster.CatalogFaults.FailNextDTableWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.MoveToTrash(_owner));
        Assert.True((await grain.GetInfo())?.Deleted);
        Assert.True((await EventuallyAsync(uuid, row => row?.Deleted == true))?.Deleted);

        cluster.CatalogFaults.FailNextDTableWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Restore(_owner));
        Assert.False((await grain.GetInfo())?.Deleted);
        Assert.False((await EventuallyAsync(uuid, row => row?.Deleted == false))?.Deleted);
    }

    [Fact]
    public async Task A_failed_catalog_delete_on_purge_is_finished_by_the_next_call()
    {
        var (grain, uuid) = await CreateAsync("doomed");
        Assert.Equal(DTableError.None, (await grain.MoveToTrash(_owner)).Error);

        cluster.CatalogFaults.FailNextDTableWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Purge(null));
        Assert.NotNull(await cluster.Catalog.GetDTableAsync(uuid));

        // The next activation finds the base mid-purge and finishes it.
        Assert.Null(await grain.GetInfo());
        Assert.Null(await EventuallyAsync(uuid, row => row is null));
        Assert.Null(await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Resolve("doomed"));
    }
}
