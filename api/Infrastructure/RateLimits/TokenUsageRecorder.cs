using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SeaTable.Grains.ApiTokens;

namespace SeaTable.Api.Infrastructure.RateLimits;

/// <summary>
/// Counts each API token's requests on this silo in memory; <see cref="TokenUsageFlusher"/> hands the counts
/// to the token grains every few seconds (and at shutdown), so usage costs no grain call or write per request.
/// </summary>
public sealed class TokenUsageRecorder(TimeProvider clock)
{
    private ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public void Record(string tokenId, string kind, HttpContext context, bool jwtIssued = false)
    {
        var tally = _tallies.GetOrAdd(tokenId, static (_, now) => new Tally(now), clock.GetUtcNow());
        tally.Add(kind, jwtIssued, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), clock.GetUtcNow());
    }

    /// <summary>Everything recorded since the last call, per token id.</summary>
    public IReadOnlyList<(string TokenId, ApiTokenUsageDelta Delta)> TakeAll()
    {
        var taken = Interlocked.Exchange(ref _tallies, new ConcurrentDictionary<string, Tally>(StringComparer.Ordinal));
        return [.. taken.Select(pair => (pair.Key, pair.Value.ToDelta()))];
    }

    private sealed class Tally(DateTimeOffset firstSeen)
    {
        private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);
        private readonly DateTimeOffset _firstSeen = firstSeen;
        private long _jwts;
        private string? _address;
        private string? _userAgent;
        private DateTimeOffset _lastSeen = firstSeen;

        public void Add(string kind, bool jwtIssued, string? address, string? userAgent, DateTimeOffset now)
        {
            lock (_requests)
            {
                _requests[kind] = _requests.GetValueOrDefault(kind) + 1;
                _jwts += jwtIssued ? 1 : 0;
                _address = address ?? _address;
                _userAgent = string.IsNullOrEmpty(userAgent) ? _userAgent : userAgent;
                _lastSeen = now > _lastSeen ? now : _lastSeen;
            }
        }

        public ApiTokenUsageDelta ToDelta()
        {
            lock (_requests)
            {
                return new ApiTokenUsageDelta(_jwts, new Dictionary<string, long>(_requests, StringComparer.Ordinal), _address, _userAgent, _firstSeen, _lastSeen);
            }
        }
    }
}
