using SeaTable.Grains.Workspaces;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class WorkspaceGrainTests(GrainCluster cluster)
{
    private IWorkspaceGrain NewWorkspace() => cluster.Grains.GetGrain<IWorkspaceGrain>(Random.Shared.NextInt64(1_000_000, long.MaxValue));

    [Fact]
    public async Task Name_conflicts_are_case_insensitive()
    {
        var workspace = NewWorkspace();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();

        Assert.True(await workspace.TryAddBase("Budget", a));
        Assert.False(await workspace.TryAddBase("budget", b));
        Assert.False(await workspace.TryAddBase("BUDGET", b));
        Assert.True(await workspace.TryAddBase("BUDGET", a)); // idempotent for the holder
        Assert.Equal(a, await workspace.Resolve("bUdGeT"));
        Assert.Null(await workspace.Resolve("Budget 2"));
    }

    [Fact]
    public async Task Names_stay_case_insensitive_after_reactivation()
    {
        var workspace = NewWorkspace();
        var a = Guid.NewGuid();
        Assert.True(await workspace.TryAddBase("Budget", a));

        await cluster.Cluster.DeactivateAsync(workspace);

        Assert.False(await workspace.TryAddBase("BUDGET", Guid.NewGuid()));
        Assert.Equal(a, await workspace.Resolve("budget"));
    }

    [Fact]
    public async Task Rename_moves_the_name_and_refuses_a_taken_one()
    {
        var workspace = NewWorkspace();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Assert.True(await workspace.TryAddBase("Budget", a));
        Assert.True(await workspace.TryAddBase("Plan", b));

        Assert.False(await workspace.TryRenameBase("Budget", "PLAN", a));
        Assert.Equal(a, await workspace.Resolve("Budget"));

        Assert.True(await workspace.TryRenameBase("Budget", "Forecast", a));
        Assert.True(await workspace.TryRenameBase("Budget", "Forecast", a)); // idempotent
        Assert.Null(await workspace.Resolve("Budget"));
        Assert.Equal(a, await workspace.Resolve("forecast"));

        // A rename that only changes the case keeps the base.
        Assert.True(await workspace.TryRenameBase("Forecast", "FORECAST", a));
        var live = await workspace.ListLive();
        Assert.Contains(new WorkspaceEntry("FORECAST", a), live);
        Assert.Equal(2, live.Count);

        // The old name is free again.
        Assert.True(await workspace.TryAddBase("budget", Guid.NewGuid()));
    }

    [Fact]
    public async Task Trash_frees_the_name_and_restore_fails_while_it_is_taken()
    {
        var workspace = NewWorkspace();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        Assert.True(await workspace.TryAddBase("Budget", a));

        await workspace.MoveToTrash(a);
        await workspace.MoveToTrash(a); // idempotent
        Assert.Null(await workspace.Resolve("Budget"));
        Assert.Equal([a], await workspace.ListTrashed());
        Assert.Empty(await workspace.ListLive());

        Assert.True(await workspace.TryAddBase("BUDGET", b));
        Assert.False(await workspace.TryRestore("Budget", a));
        Assert.Equal([a], await workspace.ListTrashed());
        Assert.Equal(b, await workspace.Resolve("Budget"));

        await workspace.MoveToTrash(b);
        Assert.True(await workspace.TryRestore("Budget", a));
        Assert.Equal(a, await workspace.Resolve("budget"));
        Assert.Equal([b], await workspace.ListTrashed());
    }

    [Fact]
    public async Task Remove_forgets_the_base()
    {
        var workspace = NewWorkspace();
        var a = Guid.NewGuid();
        Assert.True(await workspace.TryAddBase("Budget", a));
        await workspace.MoveToTrash(a);

        await workspace.RemoveBase(a);
        await workspace.RemoveBase(a); // idempotent

        Assert.Empty(await workspace.ListTrashed());
        Assert.Empty(await workspace.ListLive());
    }
}
