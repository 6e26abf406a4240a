using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;
using SeaTable.Grains.ImportExport;
using SeaTable.Grains.Workspaces;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

/// <summary>The base operations that span the id sequence, the base and an import task, behind one grain call.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class DTableDirectoryGrainTests(GrainCluster cluster)
{
    private readonly string _owner = UserIds.NewVirtualId();
    private readonly long _workspaceId = Random.Shared.NextInt64(1_000_000, long.MaxValue);

    private IDTableDirectoryGrain Directory => cluster.Grains.GetGrain<IDTableDirectoryGrain>(0);

    private DTableDraft Draft(string name) => new(_workspaceId, _owner, -1, name, _owner, "#FF0000");

    [Fact]
    public async Task Creates_bases_with_new_ids_and_refuses_a_taken_name()
    {
        await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Initialize(_owner, -1);

        var first = await Directory.CreateDTable(Draft("Budget"));
        var second = await Directory.CreateDTable(Draft("Forecast"));
        var taken = await Directory.CreateDTable(Draft("budget"));

        Assert.Equal(DTableError.None, first.Error);
        Assert.Equal(DTableError.None, second.Error);
        Assert.True(second.Table!.Id > first.Table!.Id);
        Assert.Equal("#FF0000", first.Table.Color);
        Assert.Equal(_owner, first.Table.CreatorId);
        Assert.Equal(DTableError.NameTaken, taken.Error);
        Assert.Equal(first.Table.Uuid, await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Resolve("Budget"));
    }

    [Fact]
    public async Task An_import_into_a_taken_name_cancels_its_task_and_leaves_no_base()
    {
        await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Initialize(_owner, -1);
        var existing = await Directory.CreateDTable(Draft("Budget"));
        var taskId = Guid.NewGuid();
        var uuid = Guid.NewGuid();
        var task = cluster.Grains.GetGrain<IIoTaskGrain>(taskId);
        await task.Create(new NewIoTask(IoTaskKind.ImportCsv, _owner, uuid, _workspaceId, "Budget", "http://localhost/", false));

        var imported = await Directory.CreateImportedDTable(taskId, uuid, Draft("Budget"), callerIsAdmin: false);

        Assert.Equal(DTableError.NameTaken, imported.Error);
        Assert.Null(await cluster.Grains.GetGrain<IDTableGrain>(uuid).GetInfo());
        Assert.Equal(IoTaskAccess.NotFound, (await task.ReadStatus(_owner, isAdmin: false, consume: false)).Access);
        Assert.Equal(existing.Table!.Uuid, await cluster.Grains.GetGrain<IWorkspaceGrain>(_workspaceId).Resolve("Budget"));
    }
}
