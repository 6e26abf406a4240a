using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>A base token that passed signature and expiry checks.</summary>
public sealed record ValidatedBaseToken(
    Guid DTableUuid,
    string Permission,
    string? AppName,
    string Username,
    string? TokenId,
    int? TokenVersion,
    DateTimeOffset ExpiresAt);

public enum BaseTokenProblem
{
    None,
    Invalid,
    Expired,
}

/// <summary>Checks base tokens (JWTs) signed by <see cref="BaseTokenIssuer"/>: HS256 only, expiry enforced.</summary>
public sealed class BaseTokenValidator(BaseTokenIssuer issuer)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<(ValidatedBaseToken? Token, BaseTokenProblem Problem)> ValidateAsync(string? jwt)
    {
        if (string.IsNullOrWhiteSpace(jwt) || jwt.Length > 8192)
        {
            return (null, BaseTokenProblem.Invalid);
        }

        var result = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = issuer.SigningKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (!result.IsValid)
        {
            return (null, result.Exception is SecurityTokenExpiredException ? BaseTokenProblem.Expired : BaseTokenProblem.Invalid);
        }

        var claims = result.Claims;
        if (!Guid.TryParse(Claim(claims, "dtable_uuid"), out var uuid)
            || Claim(claims, "permission") is not ("r" or "rw") || result.SecurityToken is not JsonWebToken token)
        {
            return (null, BaseTokenProblem.Invalid);
        }

        return (new ValidatedBaseToken(
            uuid,
            claims["permission"].ToString()!,
            Claim(claims, "app_name"),
            Claim(claims, "username") ?? "",
            Claim(claims, "token_id"),
            claims.TryGetValue("token_version", out var version) && int.TryParse(version.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null,
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero)), BaseTokenProblem.None);
    }

    private static string? Claim(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) ? value?.ToString() : null;
}
