namespace SeaTable.Api.Infrastructure.Binding;

/// <summary>
/// On a request record: the endpoint reads its body itself (a file upload streamed to the blob store), so the
/// body is neither buffered nor parsed into fields before the endpoint runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadsBodyItselfAttribute : Attribute;

/// <summary>On a request record: the largest body its endpoint takes (the default suits a few fields).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MaxBodyBytesAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}

/// <summary>On a request property of a call that has a body: the value comes from the query string instead.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class InQueryAttribute : Attribute;

/// <summary>
/// On a request record of a GET that carries a JSON body (the Python client's filter_rows sends
/// requests.get(url, json=..., params=...)): the body is read as for a POST, and its properties come from
/// the body unless marked [InQuery].
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BodyOnGetAttribute : Attribute;
