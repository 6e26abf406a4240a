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
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, long>? Hourly = null)
{
    /// <summary>How many hours of counts <see cref="Hourly"/> keeps: the web app's chart of the last day.</summary>
    public const int HoursKept = 24;

    /// <summary>
    /// A new empty record each time, never a shared instance: grain storage's JSON deserializer fills objects
    /// that a property already holds, and would write one token's counts into a shared one.
    /// </summary>
    public static ApiTokenUsage Empty => new(0, new Dictionary<string, long>(), null, null, null, null, new Dictionary<string, long>());

    /// <summary>The key of an hour in <see cref="Hourly"/>: its start in UTC, ISO 8601 ("2026-12-07T14:00:00Z").</summary>
    public static string HourKey(DateTimeOffset time) =>
        new DateTimeOffset(time.UtcDateTime.Year, time.UtcDateTime.Month, time.UtcDateTime.Day, time.UtcDateTime.Hour, 0, 0, TimeSpan.Zero)
            .ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This record with <paramref name="pending"/> (counted since the last write) added, hour by hour.</summary>
    public ApiTokenUsage Merge(ApiTokenUsage pending)
    {
        var merged = Add(new ApiTokenUsageDelta(pending.JwtsIssued, pending.Requests, pending.LastClientAddress, pending.LastUserAgent,
            pending.FirstSeen ?? pending.LastSeen ?? DateTimeOffset.MinValue, pending.LastSeen ?? DateTimeOffset.MinValue));
        return merged with { Hourly = AddHourly(pending.Hourly ?? new Dictionary<string, long>(), merged.LastSeen ?? DateTimeOffset.MinValue) };
    }

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
            newer ? delta.LastSeen : LastSeen,
            AddHourly(delta));
    }

    private Dictionary<string, long> AddHourly(ApiTokenUsageDelta delta)
    {
        // Requests only: an exchange is one request (access_token) that also issues a JWT, not two.
        var count = delta.Requests.Values.Sum();
        var counts = count > 0 ? new Dictionary<string, long> { [HourKey(delta.LastSeen)] = count } : new Dictionary<string, long>();
        return AddHourly(counts, LastSeen is { } last && last > delta.LastSeen ? last : delta.LastSeen);
    }

    /// <summary>
    /// Adds counts per hour. A delta's requests count in the hour it was last seen in: silos
    /// report every few seconds, so a report rarely spans an hour's end, and when it does its count lands in
    /// the later hour. Hours older than <see cref="HoursKept"/> before the newest are dropped, so the record
    /// stays small.
    /// </summary>
    private Dictionary<string, long> AddHourly(IReadOnlyDictionary<string, long> counts, DateTimeOffset newest)
    {
        var hourly = new Dictionary<string, long>(Hourly ?? new Dictionary<string, long>(), StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            hourly[key] = hourly.GetValueOrDefault(key) + count;
        }

        var oldest = HourKey(newest.AddHours(-(HoursKept - 1)));
        foreach (var stale in hourly.Keys.Where(k => string.CompareOrdinal(k, oldest) < 0).ToList())
        {
            hourly.Remove(stale);
        }

        return hourly;
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
