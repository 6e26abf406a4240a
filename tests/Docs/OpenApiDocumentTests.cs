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
    private static readonly string[] Infrastructure = ["/openapi/", "/docs", "/metrics", "/healthz", "/readyz", "/dashboard", "/_test_url_cache_", "{*path:nonfile}", "{**path}"];

    /// <summary>The web app's pages: HTML for a browser, not operations of the API (the calls they make are).</summary>
    private static readonly HashSet<string> WebPages = [.. SeaTable.Api.WebApp.WebAppSetup.PageRoutes];

    [SkippableFact]
    public async Task Every_mapped_route_and_method_is_in_the_document()
    {
        using var anonymous = Server.Factory.CreateClient();
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();

        var mapped = Server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !WebPages.Contains(e.RoutePattern.RawText!))
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

    /// <summary>
    /// The document is complete for every operation: a summary, its feature's tag, every path parameter and every
    /// query parameter and body field its request record binds, a schema for each answer (errors included), and a
    /// security requirement unless the endpoint is anonymous. Fails naming each gap.
    /// </summary>
    [SkippableFact]
    public async Task Every_operation_has_a_summary_tag_parameters_body_response_schemas_and_security()
    {
        using var anonymous = Server.Factory.CreateClient();
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        var schemes = document["components"]?["securitySchemes"]?.AsObject();
        Assert.NotNull(schemes);
        foreach (var scheme in new[] { "LoginToken", "ApiToken", "BaseToken", "StaffBasic" })
        {
            Assert.True(schemes!.ContainsKey(scheme), $"security scheme {scheme} missing");
        }

        var endpoints = Server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>() is not null)
            .ToList();
        var gaps = new List<string>();
        var checkedOperations = 0;
        foreach (var endpoint in endpoints)
        {
            var definition = endpoint.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>()!;
            var path = WithoutConstraints(endpoint.RoutePattern.RawText!);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var name = $"{method} {path}";
                if (document["paths"]?[path]?[method.ToLowerInvariant()] is not JsonObject operation)
                {
                    gaps.Add($"{name}: not in the document");
                    continue;
                }

                checkedOperations++;
                if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()) || operation["summary"]!.GetValue<string>().StartsWith(method + " /", StringComparison.Ordinal))
                {
                    gaps.Add($"{name}: no summary");
                }

                if (operation["tags"] is not JsonArray { Count: > 0 })
                {
                    gaps.Add($"{name}: no tag");
                }

                var anonymousEndpoint = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
                if (!anonymousEndpoint && operation["security"] is not JsonArray { Count: > 0 })
                {
                    gaps.Add($"{name}: no security requirement");
                }

                var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(p => (Name: p["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>())).ToList();
                foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(path, @"\{([^}]+)\}"))
                {
                    if (!parameters.Contains((match.Groups[1].Value, "path")))
                    {
                        gaps.Add($"{name}: path parameter {match.Groups[1].Value} not described");
                    }
                }

                if (definition.ReqDtoType is { } requestType && requestType != typeof(FastEndpoints.EmptyRequest))
                {
                    var bodyFields = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?.AsObject();
                    // A GET with a body ([BodyOnGet], filtered-rows) describes its body fields as a body.
                    var inQuery = method is "GET" or "HEAD" && !SeaTable.Api.Infrastructure.Binding.RequestShape.For(requestType).ReadsBodyOnGet;
                    foreach (var field in SeaTable.Api.Infrastructure.Binding.RequestShape.For(requestType).Fields.Where(f => !f.IsWholeBody))
                    {
                        if (path.Contains("{" + field.Name + "}", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        var described = inQuery || field.Source == SeaTable.Api.Infrastructure.Binding.FieldSource.Query
                            ? parameters.Contains((field.Name, "query"))
                            : bodyFields?.ContainsKey(field.Name) == true;
                        if (!described)
                        {
                            gaps.Add($"{name}: binds {field.Name} but does not describe it");
                        }
                    }

                    if (!inQuery && RequestShapeReadsBody(requestType) && operation["requestBody"] is null)
                    {
                        gaps.Add($"{name}: reads a body but describes none");
                    }
                }

                var responses = operation["responses"]?.AsObject();
                if (responses is null || !responses.Any(r => r.Key.StartsWith('2')))
                {
                    gaps.Add($"{name}: no success response");
                    continue;
                }

                foreach (var (status, response) in responses)
                {
                    if (status != "204" && response?["content"] is not JsonObject { Count: > 0 } content
                        || response?["content"] is JsonObject media && media.Any(m => m.Value?["schema"] is null))
                    {
                        gaps.Add($"{name}: response {status} without a schema");
                    }
                }
            }
        }

        Assert.True(checkedOperations > 50, $"only {checkedOperations} operations checked: the listing is broken");
        Assert.True(gaps.Count == 0, $"{gaps.Count} gaps in /openapi/v1.json:\n" + string.Join("\n", gaps));
    }

    private static bool RequestShapeReadsBody(Type requestType)
    {
        var shape = SeaTable.Api.Infrastructure.Binding.RequestShape.For(requestType);
        return shape.ReadsBodyItself || shape.Fields.Any(f => f.IsWholeBody || f.Source == SeaTable.Api.Infrastructure.Binding.FieldSource.Default);
    }

    /// <summary>"/a/{id:long}/" as the document writes it: "/a/{id}".</summary>
    /// <summary>The route as OpenAPI writes it: no constraints, defaults or optional marks, a catch-all as a plain parameter.</summary>
    private static string WithoutConstraints(string template) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(template.Trim('/'), @"\{\*{0,2}([^}:?*=]+)[^}]*\}", "{$1}");

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
