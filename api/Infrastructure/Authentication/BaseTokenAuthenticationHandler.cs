using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// A base token (JWT) in "Authorization: Token|Bearer": signature (HS256, the server's secret), expiry
/// (403 "Token expired."), and revocation beyond SeaTable (its API token or the user's access, see
/// <see cref="BaseTokenAccess"/>); anything else is 403 "Permission denied.". Which base and which permission
/// an endpoint needs is the policy's part (<see cref="BaseAccessHandler"/>).
/// </summary>
public sealed class BaseTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BaseTokenValidator validator,
    BaseTokenAccess access) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenHeader.Read(Request) is not { } jwt)
        {
            return AuthenticateResult.NoResult();
        }

        var (token, problem) = await validator.ValidateAsync(jwt);
        if (token is null)
        {
            return Fail(problem == BaseTokenProblem.Expired
                ? new AuthFailure(StatusCodes.Status403Forbidden, "Token expired.")
                : AuthFailure.PermissionDenied);
        }

        var (permission, requestsPerMinute) = await access.CurrentAsync(token);
        if (permission is null)
        {
            return Fail(AuthFailure.PermissionDenied);
        }

        var claims = new List<Claim>
        {
            new(TokenClaims.DTableUuid, token.DTableUuid.ToString()),
            new(TokenClaims.Permission, permission),
            // Rows written with an app's token carry the app's name as _creator / _last_modifier, a user's their id.
            new(TokenClaims.Actor, token.AppName ?? token.Username),
        };
        if (token.TokenId is { } tokenId)
        {
            // An app's calls count against its API token's allowance and usage; a user's own token has neither.
            claims.Add(new Claim(TokenClaims.TokenId, tokenId));
            if (requestsPerMinute is { } perMinute)
            {
                claims.Add(new Claim(TokenClaims.RequestsPerMinute, perMinute.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.BaseToken)), AuthSchemes.BaseToken));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthFailure.Of(Context).WriteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthFailure.PermissionDenied.WriteAsync(Context);

    private AuthenticateResult Fail(AuthFailure failure)
    {
        failure.Remember(Context);
        return AuthenticateResult.Fail(failure.Message);
    }
}
