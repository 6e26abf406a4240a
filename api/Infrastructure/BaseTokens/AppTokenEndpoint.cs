using Microsoft.AspNetCore.Builder;
using SeaTable.Api.Infrastructure.Authentication;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>
/// Base of the app endpoints (E5-E7), authenticated by an API token in the Authorization header rather
/// than by an account: 403 without a usable header, 404 for an unknown token or a trashed base.
/// </summary>
public abstract class AppTokenEndpoint<TRequest, TResponse> : SeaTableEndpoint<TRequest, TResponse> where TRequest : notnull
{
    /// <summary>
    /// Maps the routes for callers with an API token, counted in the token's usage as <paramref name="usage"/>.
    /// </summary>
    protected void AppTokenGet(TokenUsage usage, params string[] routes)
    {
        Get(routes);
        AuthSchemes(Authentication.AuthSchemes.ApiToken);
        Options(builder => builder.WithMetadata(usage));
    }

    /// <summary>The API token the scheme authenticated (it ran before the endpoint).</summary>
    protected ApiTokenCaller ApiCaller => HttpContext.Features.Get<ApiTokenCaller>()!;
}
