using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Docs;

[Collection(SharedServerCollection.Name)]
public sealed class OpenApiDocumentTests_Sqlite(SharedServer server) : OpenApiDocumentTests(server);

/// <summary>The OpenAPI document describes every route the server maps, and the docs page serves it.</summary>
public abstract class OpenApiDocumentTests(ServerFixture server) : ApiTests(server)
{
    /// <summary>Routes that are the documentation or operations machinery itself, not API.</summary>
    /// <summary>
    /// Routes that are the documentation or operations machinery itself, not API (FastEndpoints' own
    /// "/_test_url_cache_" included).
    /// </summary>
    private static readonly string[] Infrastructure = ["/openapi/", "/docs", "/metrics", "/healthz", "/readyz", "/dashboard", "/_test_url_cache_", "{*path:nonfile}"];

    [SkippableFact]
    public async Task Every_mapped_route_and_method_is_in_the_document()
    {
        using var anonymous = Server.Factory.CreateClient();
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();

        var mapped = Server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !Infrastructure.Any(prefix => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(prefix, StringComparison.Ordinal)
                || e.RoutePattern.RawText!.Contains(prefix, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Path: WithoutConstraints(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .Distinct()
            .ToList();

        Assert.True(mapped.Count > 25, $"only {mapped.Count} routes found: the endpoint listing is broken");
        var missing = mapped.Where(r => paths[r.Path] is not JsonObject operations || operations[r.Method] is null)
            .Select(r => $"{r.Method.ToUpperInvariant()} {r.Path}").ToList();
        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    /// <summary>"/a/{id:long}/" as the document writes it: "/a/{id}".</summary>
    private static string WithoutConstraints(string template) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(template.Trim('/'), @"\{([^}:?]+)[^}]*\}", "{$1}");

    [SkippableFact]
    public async Task The_docs_page_loads_the_document()
    {
        using var anonymous = Server.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        using var page = await anonymous.GetAsync("/docs/");
        page.EnsureSuccessStatusCode();
        Assert.StartsWith("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
