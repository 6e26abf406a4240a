using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>What a temporary API token grants: the base and the user it was issued to.</summary>
public sealed record TempApiTokenGrant(Guid DTableUuid, string Username, DateTimeOffset ExpiresAt);

/// <summary>
/// SeaTable's temporary API tokens (reference 8.8, VCUR's DTableTempAPITokenView): a JWT for one base and one
/// user, valid for an hour, accepted wherever an API token is. Signed with a key derived from the base-token
/// secret for this purpose alone, so a temporary token is never taken for a base token nor the other way round.
/// Its lifetime is checked here against the house's clock (<see cref="TimeProvider"/>), not the handler's.
/// </summary>
public sealed class TempApiTokens(BaseTokenIssuer issuer, IOptions<BaseTokenOptions> options, TimeProvider clock)
{
    private const string Purpose = "temp_api_token";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lazy<SymmetricSecurityKey> _key = new(() =>
        new SymmetricSecurityKey(HMACSHA256.HashData(issuer.SigningKey.Key, Encoding.UTF8.GetBytes("seatable." + Purpose))));

    /// <summary>A temporary token looks like a JWT; an API token is 40 hex characters.</summary>
    public static bool LooksLikeOne(string token) => token.Contains('.', StringComparison.Ordinal);

    public string Issue(Guid dtableUuid, string username)
    {
        var expires = clock.GetUtcNow() + options.Value.TempApiTokenLifetime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["exp"] = expires.ToUnixTimeSeconds(),
                ["dtable_uuid"] = dtableUuid.ToString(),
                ["username"] = username,
                ["typ"] = Purpose,
            },
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The grant, or null for a token that is not one of ours, altered, or expired.</summary>
    public async Task<TempApiTokenGrant?> ValidateAsync(string token)
    {
        if (token.Length > 4096)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = _key.Value,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            // Checked below against the injected clock, so tests can move time.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !result.Claims.TryGetValue("typ", out var typ) || typ?.ToString() != Purpose
            || !Guid.TryParse(result.Claims.TryGetValue("dtable_uuid", out var uuid) ? uuid?.ToString() : null, out var dtableUuid)
            || result.Claims.TryGetValue("username", out var user) is false || user?.ToString() is not { Length: > 0 } username)
        {
            return null;
        }

        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        return clock.GetUtcNow() >= expiresAt ? null : new TempApiTokenGrant(dtableUuid, username, expiresAt);
    }
}
