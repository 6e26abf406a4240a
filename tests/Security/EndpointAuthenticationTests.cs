using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Security;

[Collection(SharedServerCollection.Name)]
public sealed class EndpointAuthenticationTests_Sqlite(SharedServer server, ITestOutputHelper output) : EndpointAuthenticationTests(server, output);

/// <summary>
/// Secure by default: every mapped API endpoint names the credential it takes; anonymous only where the route
/// is on the declared list below. A new endpoint that forgets to declare its authentication fails here.
/// </summary>
public abstract class EndpointAuthenticationTests(ServerFixture server, ITestOutputHelper output) : ApiTests(server)
{
    /// <summary>The routes anyone may call: pings, sign-in, and the file links whose token is in the URL.</summary>
    private static readonly string[] DeclaredAnonymous =
    [
        "GET api2/ping",
        "POST api2/auth-token",
        "GET dtable-server/ping",
        "GET dtable-server/api/v2/ping",
        "GET api-gateway/api/v2/ping",
        "POST seafhttp/upload-api/{token}",
        "GET seafhttp/files/{token}/{name}",
        // Clearing the web app's cookie must work with an expired or revoked login token too; it reads nothing.
        "DELETE api/v2.1/web-session",
    ];

    [SkippableFact]
    public async Task Every_endpoint_declares_its_schemes_and_only_the_declared_ones_are_anonymous()
    {
        var services = Server.Factory.Services;
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>() is not null)
            .ToList();
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found: the listing is broken");

        var anonymous = new List<string>();
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var route = $"{method} {endpoint.RoutePattern.RawText!.Trim('/')}";
                var policy = await AuthorizationPolicy.CombineAsync(policies,
                    endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
                if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || policy is null)
                {
                    anonymous.Add(route);
                    output.WriteLine($"{route,-90} anonymous");
                    continue;
                }

                var schemes = policy.AuthenticationSchemes.Count > 0 ? policy.AuthenticationSchemes : [AuthSchemes.LoginToken];
                var requirements = string.Join(", ", policy.Requirements.Select(r => r.ToString()));
                output.WriteLine($"{route,-90} {string.Join("+", schemes)}  [{requirements}]");

                // A base token is only ever good for its own base: every endpoint that takes one checks the route's base.
                if (schemes.Contains(AuthSchemes.BaseToken)
                    && (!policy.Requirements.OfType<BaseAccessRequirement>().Any() || !route.Contains("{uuid}", StringComparison.Ordinal)))
                {
                    problems.Add($"{route}: a base-token endpoint without the base policy on a {{uuid}} route");
                }

                // Token calls are counted against the token's allowance: the counting needs the endpoint's usage kind.
                if ((schemes.Contains(AuthSchemes.BaseToken) || schemes.Contains(AuthSchemes.ApiToken))
                    && endpoint.Metadata.GetMetadata<TokenUsage>() is null)
                {
                    problems.Add($"{route}: a token endpoint without TokenUsage metadata (its requests would not be counted)");
                }
            }
        }

        var undeclared = anonymous.Except(DeclaredAnonymous, StringComparer.Ordinal).ToList();
        Assert.True(undeclared.Count == 0, "anonymous without being declared: " + string.Join(", ", undeclared));
        var stale = DeclaredAnonymous.Except(anonymous, StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "declared anonymous but not mapped so: " + string.Join(", ", stale));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
