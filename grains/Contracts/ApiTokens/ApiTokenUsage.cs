namespace SeaTable.Grains.ApiTokens;

/// <summary>
/// What an API token has been used for, beyond last_access: JWTs issued, requests by kind, the last client
/// and the first and last time it was seen. Kept by the token grain, written behind like last_access.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApiTokenUsage(
    long JwtsIssued,
    IReadOnlyDictionary<string, long> Requests,
    string? LastClientAddress,
    string? LastUserAgent,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen)
{
    /// <summary>
    /// A new empty record each time, never a shared instance: grain storage's JSON deserializer fills objects
    /// that a property already holds, and would write one token's counts into a shared one.
    /// </summary>
    public static ApiTokenUsage Empty => new(0, new Dictionary<string, long>(), null, null, null, null);

    public ApiTokenUsage Add(ApiTokenUsageDelta delta)
    {
        var requests = new Dictionary<string, long>(Requests, StringComparer.Ordinal);
        foreach (var (kind, count) in delta.Requests)
        {
            requests[kind] = requests.GetValueOrDefault(kind) + count;
        }

        var newer = LastSeen is null || delta.LastSeen >= LastSeen;
        return new ApiTokenUsage(
            JwtsIssued + delta.JwtsIssued,
            requests,
            newer ? delta.LastClientAddress ?? LastClientAddress : LastClientAddress,
            newer ? delta.LastUserAgent ?? LastUserAgent : LastUserAgent,
            FirstSeen is { } first && first <= delta.FirstSeen ? first : delta.FirstSeen,
            newer ? delta.LastSeen : LastSeen);
    }
}

/// <summary>The usage one silo saw of one token since its last report.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiTokenUsageDelta(
    long JwtsIssued,
    IReadOnlyDictionary<string, long> Requests,
    string? LastClientAddress,
    string? LastUserAgent,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
