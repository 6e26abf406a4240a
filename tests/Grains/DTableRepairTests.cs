using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SeaTable.Grains.Content;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Workspaces;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

/// <summary>
/// A crash between the steps of a multi-grain change leaves the base grain's intent in storage. These tests
/// write such a state directly (as the crash would have left it) and check that the next activation
/// finishes or undoes the change, so nothing half-done stays visible.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class DTableRepairTests(GrainCluster cluster)
{
    private static long _nextWorkspace = 900_000;

    [Fact]
    public async Task Create_interrupted_before_the_name_was_claimed_is_abandoned_once_no_claim_can_arrive()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        var old = State(workspaceId, "ghost", DTableStatus.Creating);
        old.CreatedAt = old.UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await SeedAsync(uuid, old);

        Assert.Null(await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo());
        Assert.Null(await workspace.Resolve("ghost"));
        Assert.Null(await cluster.Catalog.GetDTableAsync(uuid));
    }

    [Fact]
    public async Task A_recent_create_interrupted_before_the_name_was_claimed_is_finished()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        await SeedAsync(uuid, State(workspaceId, "fresh", DTableStatus.Creating));

        Assert.Equal("fresh", (await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo())?.Name);
        Assert.Equal(uuid, await workspace.Resolve("fresh"));
        Assert.Equal("fresh", (await cluster.Catalog.GetDTableAsync(uuid))?.Name);
    }

    [Fact]
    public async Task A_recent_create_whose_name_another_base_took_is_abandoned()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        Assert.True(await workspace.TryAddBase("taken", Guid.NewGuid()));
        await SeedAsync(uuid, State(workspaceId, "taken", DTableStatus.Creating));

        Assert.Null(await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo());
        Assert.NotEqual(uuid, await workspace.Resolve("taken"));
        Assert.Null(await cluster.Catalog.GetDTableAsync(uuid));
    }

    [Fact]
    public async Task Create_interrupted_after_the_name_was_claimed_is_completed()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        await SeedAsync(uuid, State(workspaceId, "half", DTableStatus.Creating));
        Assert.True(await workspace.TryAddBase("half", uuid));

        var info = await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo();
        Assert.NotNull(info);
        Assert.Equal("half", info.Name);
        Assert.False(info.Deleted);
        Assert.NotNull(await cluster.Grains.GetGrain<IBaseContentGrain>(uuid).GetContentJson());
        Assert.Equal("half", (await cluster.Catalog.GetDTableAsync(uuid))?.Name);
    }

    [Fact]
    public async Task Rename_interrupted_before_the_workspace_changed_is_replayed()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        var state = State(workspaceId, "old", DTableStatus.Active);
        state.Pending = PendingChange.Rename;
        state.PendingName = "new";
        await SeedAsync(uuid, state);
        Assert.True(await workspace.TryAddBase("old", uuid));

        var info = await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo();
        Assert.Equal("new", info?.Name);
        Assert.Equal(uuid, await workspace.Resolve("new"));
        Assert.Null(await workspace.Resolve("old"));
        Assert.Equal("new", (await cluster.Catalog.GetDTableAsync(uuid))?.Name);
    }

    [Fact]
    public async Task Rename_whose_new_name_was_taken_meanwhile_is_dropped()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        var state = State(workspaceId, "mine", DTableStatus.Active);
        state.Pending = PendingChange.Rename;
        state.PendingName = "theirs";
        await SeedAsync(uuid, state);
        Assert.True(await workspace.TryAddBase("mine", uuid));
        Assert.True(await workspace.TryAddBase("theirs", Guid.NewGuid()));

        Assert.Equal("mine", (await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo())?.Name);
        Assert.Equal(uuid, await workspace.Resolve("mine"));
    }

    [Fact]
    public async Task Trash_interrupted_before_the_workspace_changed_is_completed()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        var state = State(workspaceId, "doomed", DTableStatus.Active);
        state.Pending = PendingChange.Trash;
        await SeedAsync(uuid, state);
        Assert.True(await workspace.TryAddBase("doomed", uuid));

        var info = await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo();
        Assert.True(info?.Deleted);
        Assert.NotNull(info?.DeleteTime);
        Assert.Null(await workspace.Resolve("doomed"));
        Assert.Contains(uuid, await workspace.ListTrashed());
        Assert.True((await cluster.Catalog.GetDTableAsync(uuid))?.Deleted);
    }

    [Fact]
    public async Task Purge_interrupted_part_way_is_finished()
    {
        var (workspace, workspaceId) = await NewWorkspaceAsync();
        var uuid = Guid.NewGuid();
        var state = State(workspaceId, "gone", DTableStatus.Purging);
        state.DeleteTime = DateTimeOffset.UtcNow.AddDays(-31);
        await SeedAsync(uuid, state);
        await workspace.MoveToTrash(uuid);

        Assert.Null(await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo());
        Assert.DoesNotContain(uuid, await workspace.ListTrashed());
        Assert.Null(await cluster.Catalog.GetDTableAsync(uuid));
    }

    private async Task<(IWorkspaceGrain Grain, long Id)> NewWorkspaceAsync()
    {
        var id = Interlocked.Increment(ref _nextWorkspace);
        var workspace = cluster.Grains.GetGrain<IWorkspaceGrain>(id);
        await workspace.Initialize("owner-" + id + "@auth.local", -1);
        return (workspace, id);
    }

    private static DTableState State(long workspaceId, string name, DTableStatus status) => new()
    {
        Status = status,
        Id = Random.Shared.NextInt64(1_000_000, long.MaxValue),
        WorkspaceId = workspaceId,
        OwnerId = "owner-" + workspaceId + "@auth.local",
        Name = name,
        CreatorId = "owner-" + workspaceId + "@auth.local",
        ModifierId = "owner-" + workspaceId + "@auth.local",
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
        Version = 1,
    };

    /// <summary>Writes the base grain's state straight into its storage, before the grain ever activates.</summary>
    private async Task SeedAsync(Guid uuid, DTableState state)
    {
        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SeaTable.Grains.Common.StorageNames.Main);
        var grainId = cluster.Grains.GetGrain<IDTableGrain>(uuid).GetGrainId();
        await storage.WriteStateAsync("dtable", grainId, new GrainState<DTableState>(state));
    }
}
