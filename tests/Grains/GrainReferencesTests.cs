using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainReferences;
using Orleans.Metadata;
using SeaTable.Api.Infrastructure;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Sequences;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

/// <summary>The request path's reflection-free references must address exactly the grains Orleans' factory does.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class GrainReferencesTests(GrainCluster cluster)
{
    private GrainReferences References()
    {
        var services = cluster.Cluster.Silos[0].ServiceProvider;
        return new GrainReferences(
            services.GetRequiredService<GrainReferenceActivator>(),
            services.GetRequiredService<GrainInterfaceTypeResolver>(),
            services.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>());
    }

    [Fact]
    public void String_guid_and_integer_keys_give_the_factorys_grain_ids()
    {
        var references = References();
        var uuid = Guid.NewGuid();

        Assert.Equal(cluster.Grains.GetGrain<IApiTokenGrain>("abc123").GetGrainId(), references.GetGrain<IApiTokenGrain>("abc123").GetGrainId());
        Assert.Equal(cluster.Grains.GetGrain<IAccountTokenGrain>("x y/z").GetGrainId(), references.GetGrain<IAccountTokenGrain>("x y/z").GetGrainId());
        Assert.Equal(cluster.Grains.GetGrain<IDTableGrain>(uuid).GetGrainId(), references.GetGrain<IDTableGrain>(uuid).GetGrainId());
        Assert.NotEqual(references.GetGrain<IDTableGrain>(Guid.NewGuid()).GetGrainId(), references.GetGrain<IDTableGrain>(uuid).GetGrainId());
    }

    [Fact]
    public async Task A_reference_reaches_the_same_activation_and_state()
    {
        var references = References();
        var key = "refs-" + Guid.NewGuid().ToString("N");
        var viaFactory = await cluster.Grains.GetGrain<IIdSequenceGrain>(key).Next();
        var viaReferences = await references.GetGrain<IIdSequenceGrain>(key).Next();

        Assert.Equal(viaFactory + 1, viaReferences);
    }
}
