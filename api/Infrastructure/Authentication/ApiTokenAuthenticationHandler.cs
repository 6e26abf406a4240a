using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Grains.ApiTokens;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// A base's API token in "Authorization: Token|Bearer": 403 "Permission denied." without a usable header,
/// 404 "api token not found." for an unknown (or deleted) token, 404 "dtable … not found." when its base is in
/// the trash. Moves the token's last_access when the endpoint's <see cref="TokenUsage"/> says so.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GrainReferences grains,
    TempApiTokens tempTokens,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenHeader.Read(Request) is not { } apiToken)
        {
            return AuthenticateResult.NoResult();
        }

        if (TempApiTokens.LooksLikeOne(apiToken))
        {
            return await AuthenticateTemporaryAsync(apiToken);
        }

        var tokenId = Secrets.HashToken(apiToken);
        var touch = Context.GetEndpoint()?.Metadata.GetMetadata<TokenUsage>()?.TouchesLastAccess ?? false;
        var use = await TransientFailures.RepeatReadAsync(() => grains.GetGrain<IApiTokenGrain>(tokenId).Use(touch), Context.RequestAborted);
        switch (use.Error)
        {
            case ApiTokenUseError.UnknownToken:
                return Fail(new AuthFailure(StatusCodes.Status404NotFound, "api token not found."));
            case ApiTokenUseError.BaseNotActive:
                return Fail(new AuthFailure(StatusCodes.Status404NotFound, $"dtable {use.BaseName} not found."));
        }

        var token = use.Token!;
        var claims = new List<Claim>
        {
            new(TokenClaims.TokenId, tokenId),
            new(TokenClaims.DTableUuid, token.DTableUuid.ToString()),
            new(TokenClaims.Permission, token.Permission),
            new(TokenClaims.Actor, token.AppName),
        };
        if (token.RequestsPerMinute is { } perMinute)
        {
            claims.Add(new Claim(TokenClaims.RequestsPerMinute, perMinute.ToString(CultureInfo.InvariantCulture)));
        }

        Context.Features.Set(new ApiTokenCaller(use, tokenId));
        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.ApiToken)), AuthSchemes.ApiToken));
    }

    /// <summary>
    /// A temporary API token (VCUR): valid, unexpired, and its user still has access to the live base; otherwise
    /// 403 "Permission denied." as VCUR answers a token it cannot read. It grants what the user may do now, under
    /// the app name "scripts"; it has no token grain, so no rate limit or usage of its own.
    /// </summary>
    private async Task<AuthenticateResult> AuthenticateTemporaryAsync(string token)
    {
        if (await tempTokens.ValidateAsync(token) is not { } grant)
        {
            return Fail(AuthFailure.PermissionDenied);
        }

        var dtable = grains.GetGrain<SeaTable.Grains.DTables.IDTableGrain>(grant.DTableUuid);
        var access = await dtable.GetAccess(grant.Username);
        if (access == AccessLevel.None || await dtable.GetInfo() is not { Deleted: false } info)
        {
            return Fail(AuthFailure.PermissionDenied);
        }

        var permission = access >= AccessLevel.ReadWrite ? SharePermission.ReadWrite : SharePermission.Read;
        var now = clock.GetUtcNow();
        var use = new ApiTokenUse(ApiTokenUseError.None,
            new ApiTokenInfo(grant.DTableUuid, TempAppName, permission, grant.Username, now, now, Version: 0),
            info.Name, info.WorkspaceId, info.OwnerId, info.OrgId);
        Context.Features.Set(new ApiTokenCaller(use, TokenId: "", TempUser: grant.Username));
        var claims = new List<Claim>
        {
            new(TokenClaims.DTableUuid, grant.DTableUuid.ToString()),
            new(TokenClaims.Permission, permission),
            new(TokenClaims.Actor, grant.Username),
        };
        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.ApiToken)), AuthSchemes.ApiToken));
    }

    /// <summary>The app name SeaTable gives a temporary token's exchange.</summary>
    public const string TempAppName = "scripts";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthFailure.Of(Context).WriteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthFailure.PermissionDenied.WriteAsync(Context);

    private AuthenticateResult Fail(AuthFailure failure)
    {
        failure.Remember(Context);
        return AuthenticateResult.Fail(failure.Message);
    }
}
