using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// ASP.NET Core's authentication middleware, except that an endpoint whose authorization names its schemes is left
/// to them: its policy authenticates those schemes (and sets the user) anyway, so running the default scheme first
/// only repeated work. It was not free: an API token ("Token &lt;40 hex&gt;", the same shape as a login token) was
/// looked up as a login token in a grain first, on every token exchange. Endpoints that name no scheme (the
/// account API, anonymous ones) are authenticated with the default scheme, as before.
/// </summary>
public sealed class DeclaredAuthentication(RequestDelegate next, IAuthenticationSchemeProvider schemes, IAuthorizationPolicyProvider policies)
{
    private readonly ConcurrentDictionary<Endpoint, bool> _namesSchemes = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is { } endpoint && await NamesSchemesAsync(endpoint))
        {
            await next(context);
            return;
        }

        if (await schemes.GetDefaultAuthenticateSchemeAsync() is { } scheme)
        {
            var result = await context.AuthenticateAsync(scheme.Name);
            if (result.Principal is { } principal)
            {
                context.User = principal;
            }

            // What UseAuthentication leaves for the authorization middleware and for IHttpAuthenticationFeature readers.
            var feature = new AuthenticationFeatures(result);
            context.Features.Set<IHttpAuthenticationFeature>(feature);
            context.Features.Set<IAuthenticateResultFeature>(feature);
        }

        await next(context);
    }

    private async ValueTask<bool> NamesSchemesAsync(Endpoint endpoint)
    {
        if (_namesSchemes.TryGetValue(endpoint, out var known))
        {
            return known;
        }

        var authorizeData = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var direct = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>();
        var combined = await AuthorizationPolicy.CombineAsync(policies, authorizeData, direct);
        var names = combined is { AuthenticationSchemes.Count: > 0 } && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
        _namesSchemes[endpoint] = names;
        return names;
    }

    private sealed class AuthenticationFeatures(AuthenticateResult result) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;

        public System.Security.Claims.ClaimsPrincipal? User
        {
            get => AuthenticateResult?.Principal;
            set => AuthenticateResult = value is null
                ? null
                : Microsoft.AspNetCore.Authentication.AuthenticateResult.Success(new AuthenticationTicket(value, AuthenticateResult?.Ticket?.AuthenticationScheme ?? ""));
        }
    }
}

public static class DeclaredAuthenticationExtensions
{
    /// <summary>
    /// The key UseAuthentication() sets. WebApplication adds ASP.NET Core's authentication middleware in front of the
    /// whole pipeline (ahead of the exception handler) unless it is set: that ran the default scheme on every request a
    /// second time, an API token looked up as a login token on each exchange, and a grain failure in that lookup
    /// answered a bare 500 from Kestrel instead of SeaTable's 503.
    /// </summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseDeclaredAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<DeclaredAuthentication>();
    }
}
