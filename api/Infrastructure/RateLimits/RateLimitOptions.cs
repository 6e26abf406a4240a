using SeaTable.Grains.Settings;

namespace SeaTable.Api.Infrastructure.RateLimits;

/// <summary>Per-API-token limits and usage reporting (configuration section "SeaTable:RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "SeaTable:RateLimits";

    /// <summary>Requests per minute and API token (its exchanges, links and base-token calls), per silo; 0 turns limits off.</summary>
    [AtLeast(0)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>How often each silo reports the usage it saw to the token grains.</summary>
    [Duration]
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(3);
}
