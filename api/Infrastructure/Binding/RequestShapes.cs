using System.Collections.Concurrent;

namespace SeaTable.Api.Infrastructure.Binding;

/// <summary>The shapes of the request types seen, for callers that know the type only at run time (one per server).</summary>
public sealed class RequestShapes
{
    private readonly ConcurrentDictionary<Type, RequestShape> _shapes = new();

    public RequestShape Of(Type type) => _shapes.GetOrAdd(type, RequestShape.For);
}
