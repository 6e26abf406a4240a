using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>
/// Base of the app endpoints (E5-E7), authenticated by an API token in the Authorization header rather
/// than by an account: 403 without a usable header, 404 for an unknown token or a trashed base.
/// </summary>
public abstract class AppTokenEndpoint : SeaTableEndpoint
{
    /// <summary>
    /// Maps the routes for anonymous access (the API token is checked by the endpoint itself) and keeps the
    /// account authentication from treating the API token as a login token.
    /// </summary>
    protected void AppTokenGet(params string[] routes)
    {
        Get(routes);
        AuthenticatesItself();
    }

    /// <summary>The token's grant and its id (the token's hash), or null after answering the error.</summary>
    /// <param name="usageKind">What the request counts as in the token's usage record.</param>
    protected async Task<(ApiTokenUse Use, string TokenId)?> UseApiTokenAsync(bool touchLastAccess, string usageKind, bool issuesJwt = false)
    {
        if (AppTokenHeader.Read(HttpContext.Request) is not { } apiToken)
        {
            await ForbiddenAsync();
            return null;
        }

        var tokenId = Secrets.HashToken(apiToken);
        var use = await GrainRefs.GetGrain<IApiTokenGrain>(tokenId).Use(touchLastAccess);
        switch (use.Error)
        {
            case ApiTokenUseError.UnknownToken:
                await NotFoundAsync("api token not found.");
                return null;
            case ApiTokenUseError.BaseNotActive:
                await NotFoundAsync($"dtable {use.BaseName} not found.");
                return null;
        }

        return await CountTokenRequestAsync(tokenId, use.Token?.RequestsPerMinute, usageKind, issuesJwt) ? (use, tokenId) : null;
    }

    protected string PublicBase() =>
        AppTokenHeader.PublicBase(HttpContext.Request, Resolve<Microsoft.Extensions.Options.IOptions<PublicUrlOptions>>().Value);
}
