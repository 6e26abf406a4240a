using SeaTable.Grains.Sequences;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class IdSequenceGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task Ids_are_unique_and_increasing_across_deactivations()
    {
        var sequence = cluster.Grains.GetGrain<IIdSequenceGrain>($"test-{Guid.NewGuid():N}");
        var ids = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                ids.Add(await sequence.Next());
            }

            await cluster.Cluster.DeactivateAsync(sequence);
        }

        // Gaps are allowed (an unused block is skipped on deactivation); repeats and going back are not.
        Assert.True(ids[0] >= 1);
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i] > ids[i - 1], $"id {ids[i]} after {ids[i - 1]}: {string.Join(", ", ids)}");
        }
    }

    [Fact]
    public async Task Concurrent_callers_never_get_the_same_id()
    {
        var sequence = cluster.Grains.GetGrain<IIdSequenceGrain>($"test-{Guid.NewGuid():N}");
        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => sequence.Next()));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public async Task Sequences_are_independent()
    {
        var first = await cluster.Grains.GetGrain<IIdSequenceGrain>($"test-{Guid.NewGuid():N}").Next();
        var second = await cluster.Grains.GetGrain<IIdSequenceGrain>($"test-{Guid.NewGuid():N}").Next();
        Assert.Equal(1, first);
        Assert.Equal(1, second);
    }
}
