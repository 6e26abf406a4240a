using System.Collections.Concurrent;
using Orleans.GrainReferences;
using Orleans.Metadata;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// Grain references for the request path. Orleans' IGrainFactory.GetGrain&lt;T&gt;(key) resolves the interface
/// type by reading the interface's attributes through reflection on every call; profiled under load this was
/// a fifth of the token exchange's own CPU. The interface and grain types are resolved once per interface
/// here and references are created from them directly (same references, same behaviour).
/// </summary>
public sealed class GrainReferences(
    GrainReferenceActivator activator,
    GrainInterfaceTypeResolver interfaceTypes,
    GrainInterfaceTypeToGrainTypeResolver grainTypes)
{
    private readonly ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)> _types = new();

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => Create<TGrain>(IdSpan.Create(key));

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Create<TGrain>(GrainIdKeyExtensions.CreateGuidKey(key));

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey => Create<TGrain>(GrainIdKeyExtensions.CreateIntegerKey(key));

    private TGrain Create<TGrain>(IdSpan key)
    {
        var (grainType, interfaceType) = _types.GetOrAdd(typeof(TGrain), static (type, resolvers) =>
        {
            var interfaceType = resolvers.interfaceTypes.GetGrainInterfaceType(type);
            return (resolvers.grainTypes.GetGrainType(interfaceType), interfaceType);
        }, (interfaceTypes, grainTypes));
        return (TGrain)(object)activator.CreateReference(GrainId.Create(grainType, key), interfaceType);
    }
}
