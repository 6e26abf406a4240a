using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SeaTable.Grains.Common;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Storage;

/// <summary>
/// Orleans' ADO.NET grain storage provider of the running silo on the project's SQLite queries: the
/// provider-level view of the contract OrleansStorageSqlTests pins in SQL.
/// </summary>
[Collection(SharedServerCollection.Name)]
public sealed class AdoNetGrainStorageTests(SharedServer server)
{
    private const string StateName = "probe";

    private IGrainStorage Storage => server.Factory.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    private static GrainId NewGrainId() => GrainId.Create("seatable-test-probe", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Write_read_back_and_stale_etag_conflict()
    {
        var grainId = NewGrainId();
        var state = new GrainState<List<string>>(["one"]);
        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.NotNull(state.ETag);
        Assert.True(state.RecordExists);
        var firstETag = state.ETag;

        var read = new GrainState<List<string>>();
        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(["one"], read.State);
        Assert.Equal(firstETag, read.ETag);
        Assert.True(read.RecordExists);

        state.State = ["one", "two"];
        await Storage.WriteStateAsync(StateName, grainId, state);
        Assert.NotEqual(firstETag, state.ETag);

        var stale = new GrainState<List<string>>(["lost"], firstETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));

        var fresh = new GrainState<List<string>>(["ignored"]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, fresh));

        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(["one", "two"], read.State);
    }

    [Fact]
    public async Task Clear_then_write_again()
    {
        var grainId = NewGrainId();
        var state = new GrainState<List<string>>(["one"]);
        await Storage.WriteStateAsync(StateName, grainId, state);

        await Storage.ClearStateAsync(StateName, grainId, state);
        var read = new GrainState<List<string>>();
        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Empty(read.State ?? []);
        Assert.False(read.RecordExists);

        read.State = ["again"];
        await Storage.WriteStateAsync(StateName, grainId, read);
        var again = new GrainState<List<string>>();
        await Storage.ReadStateAsync(StateName, grainId, again);
        Assert.Equal(["again"], again.State);
    }
}
