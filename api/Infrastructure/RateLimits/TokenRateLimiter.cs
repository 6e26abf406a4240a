using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SeaTable.Api.Infrastructure.RateLimits;

/// <summary>
/// Requests per minute per API token, on ASP.NET Core's rate limiting primitives (a fixed one-minute window
/// per token). The limit is per silo: counting globally would cost a cross-silo call on every request, while
/// a token's requests are spread over the silos by the load balancer, so a cluster of N silos admits at most
/// N times the limit (set the limit accordingly where an exact global figure matters). The partition key
/// carries the limit, so an owner's new override applies from the next request.
/// </summary>
public sealed class TokenRateLimiter(IOptions<RateLimitOptions> options) : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<(string TokenId, int Limit)> _limiter =
        PartitionedRateLimiter.Create<(string TokenId, int Limit), (string TokenId, int Limit)>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.Limit,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>
    /// Takes one request from the token's allowance and sets the X-RateLimit headers; false (with Retry-After
    /// set) when the allowance is spent. <paramref name="overridePerMinute"/> is the owner's setting, if any.
    /// </summary>
    public bool TryAcquire(HttpResponse response, string tokenId, int? overridePerMinute)
    {
        var limit = overridePerMinute ?? options.Value.RequestsPerMinute;
        if (limit <= 0)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire((tokenId, limit));
        var remaining = _limiter.GetStatistics((tokenId, limit))?.CurrentAvailablePermits ?? 0;
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        if (lease.IsAcquired)
        {
            return true;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
