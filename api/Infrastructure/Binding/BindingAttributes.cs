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
