using SeaTable.Grains.Settings;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>The base token (app JWT) settings, configuration section "SeaTable:Jwt".</summary>
public sealed class BaseTokenOptions
{
    public const string Section = "SeaTable:Jwt";

    /// <summary>HS256 wants a key at least as long as its hash.</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>
    /// The HS256 signing secret (at least 32 bytes of text). When unset, a random one is generated on first
    /// use and kept in <see cref="SecretFile"/>, so every silo sharing the data folder signs alike.
    /// </summary>
    [MinimumBytes(MinimumSecretBytes, Hint = "leave it unset to have one generated into the data folder"), Sensitive]
    public string? Secret { get; set; }

    /// <summary>Where a generated secret is kept; the silo points it into the data folder.</summary>
    public string? SecretFile { get; set; }

    /// <summary>How long a base token is valid: SeaTable's is 3 days.</summary>
    [Duration]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long a silo trusts its last check that a base token was not revoked (API token deleted or changed,
    /// share removed, base trashed): the bound on how late a revocation takes effect.
    /// </summary>
    [Duration]
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a temporary API token (temp-api-token/) is valid: SeaTable's is one hour.</summary>
    [Duration]
    public TimeSpan TempApiTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The public address clients reach this server at (configuration "SeaTable:PublicUrl"). It stays a top-level
/// key beside SeaTable:DataDir: it names the server, no single feature, and every proxy setup already sets it.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "SeaTable";

    /// <summary>e.g. "https://seatable.example.com"; when unset, the scheme and host of each request.</summary>
    [AbsoluteHttpUrl]
    public string? PublicUrl { get; set; }
}
