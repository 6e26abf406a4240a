using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Sequences;
using SeaTable.Grains.Workspaces;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class DTableGrainTests(GrainCluster cluster)
{
    private readonly string _owner = UserIds.NewVirtualId();
    private readonly long _workspaceId = Random.Shared.NextInt64(1_000_000, long.MaxValue);

    private IWorkspaceGrain Workspace => cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId);

    private async Task<(IDTableGrain Grain, Guid Uuid)> CreateAsync(string name)
    {
        var uuid = Guid.NewGuid();
        var id = await cluster.Grains.GetGrain<IIdSequenceGrain>(Sequences.DTable).Next();
        var grain = cluster.Grains.GetGrain<IDTableGrain>(uuid);
        var created = await grain.Create(new NewDTable(id, _workspaceId, _owner, -1, name, _owner, null, null, null));
        Assert.Equal(DTableError.None, created.Error);
        return (grain, uuid);
    }

    private async Task<CatalogDTable> CatalogRowAsync(Guid uuid) =>
        await cluster.Catalog.GetDTableAsync(uuid) ?? throw new Xunit.Sdk.XunitException($"No catalog row for {uuid}.");

    [Fact]
    public async Task Lifecycle_is_mirrored_in_the_workspace_and_the_catalog()
    {
        await Workspace.Initialize(_owner, -1);
        var (grain, uuid) = await CreateAsync("Budget");

        var created = await CatalogRowAsync(uuid);
        Assert.Equal("Budget", created.Name);
        Assert.False(created.Deleted);
        Assert.Equal(_owner, created.OwnerId);
        Assert.Equal(_workspaceId, created.WorkspaceId);
        Assert.Equal(uuid, await Workspace.Resolve("budget"));
        Assert.Equal(AccessLevel.Admin, await grain.GetAccess(_owner));

        var renamed = await grain.Rename(_owner, "Forecast");
        Assert.Equal(DTableError.None, renamed.Error);
        Assert.Equal("Forecast", renamed.Table?.Name);
        var afterRename = await CatalogRowAsync(uuid);
        Assert.Equal("Forecast", afterRename.Name);
        Assert.True(afterRename.Version > created.Version);
        Assert.Null(await Workspace.Resolve("Budget"));
        Assert.Equal(uuid, await Workspace.Resolve("Forecast"));

        Assert.Equal(DTableError.None, (await grain.MoveToTrash(_owner)).Error);
        var afterTrash = await CatalogRowAsync(uuid);
        Assert.True(afterTrash.Deleted);
        Assert.NotNull(afterTrash.DeleteTime);
        Assert.True(afterTrash.Version > afterRename.Version);
        Assert.Null(await Workspace.Resolve("Forecast"));
        Assert.Contains(uuid, await Workspace.ListTrashed());
        Assert.Equal(AccessLevel.None, await grain.GetAccess(_owner));
        Assert.True((await grain.GetInfo())?.Deleted);

        var restored = await grain.Restore(_owner);
        Assert.Equal(DTableError.None, restored.Error);
        var afterRestore = await CatalogRowAsync(uuid);
        Assert.False(afterRestore.Deleted);
        Assert.Null(afterRestore.DeleteTime);
        Assert.Equal("Forecast", afterRestore.Name);
        Assert.True(afterRestore.Version > afterTrash.Version);
        Assert.Equal(uuid, await Workspace.Resolve("forecast"));
        Assert.Equal(AccessLevel.Admin, await grain.GetAccess(_owner));
    }

    [Fact]
    public async Task Create_and_rename_refuse_a_name_taken_in_any_case()
    {
        var (first, _) = await CreateAsync("Budget");
        var uuid = Guid.NewGuid();
        var id = await cluster.Grains.GetGrain<IIdSequenceGrain>(Sequences.DTable).Next();
        var clash = await cluster.Grains.GetGrain<IDTableGrain>(uuid)
            .Create(new NewDTable(id, _workspaceId, _owner, -1, "BUDGET", _owner, null, null, null));
        Assert.Equal(DTableError.NameTaken, clash.Error);
        Assert.Null(await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo());
        Assert.Null(await cluster.Catalog.GetDTableAsync(uuid));

        var (second, _) = await CreateAsync("Plan");
        Assert.Equal(DTableError.NameTaken, (await second.Rename(_owner, "budget")).Error);
        Assert.Equal("Plan", (await second.GetInfo())?.Name);
        Assert.Equal(DTableError.None, (await first.Rename(_owner, "BUDGET")).Error);
    }

    [Fact]
    public async Task Restore_fails_while_a_live_base_holds_the_name()
    {
        var (trashed, uuid) = await CreateAsync("Budget");
        Assert.Equal(DTableError.None, (await trashed.MoveToTrash(_owner)).Error);
        var versionInTrash = (await CatalogRowAsync(uuid)).Version;
        await CreateAsync("budget");

        Assert.Equal(DTableError.NameTaken, (await trashed.Restore(_owner)).Error);
        var row = await CatalogRowAsync(uuid);
        Assert.True(row.Deleted);
        Assert.Equal(versionInTrash, row.Version);
        Assert.Contains(uuid, await Workspace.ListTrashed());
    }

    [Fact]
    public async Task Only_the_owner_changes_the_base()
    {
        var (grain, _) = await CreateAsync("Budget");
        var stranger = UserIds.NewVirtualId();

        Assert.Equal(DTableError.PermissionDenied, (await grain.Rename(stranger, "Mine")).Error);
        Assert.Equal(DTableError.PermissionDenied, (await grain.MoveToTrash(stranger)).Error);
        Assert.Equal(DTableError.NotInTrash, (await grain.Restore(_owner)).Error);
    }

    [Fact]
    public async Task Purge_removes_the_base_everywhere()
    {
        var (grain, uuid) = await CreateAsync("Budget");
        Assert.Equal(DTableError.NotInTrash, (await grain.Purge(_owner)).Error);
        Assert.Equal(DTableError.None, (await grain.MoveToTrash(_owner)).Error);

        Assert.Equal(DTableError.None, (await grain.Purge(_owner)).Error);
        Assert.Equal(DTableError.None, (await grain.Purge(_owner)).Error); // idempotent

        Assert.Null(await grain.GetInfo());
        Assert.Null(await cluster.Catalog.GetDTableAsync(uuid));
        Assert.DoesNotContain(uuid, await Workspace.ListTrashed());
        Assert.Null(await Workspace.Resolve("Budget"));
    }
}
