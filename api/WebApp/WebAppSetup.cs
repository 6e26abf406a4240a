using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace SeaTable.Api.WebApp;

/// <summary>
/// The web app at "/": static files compiled into this assembly (so a clone needs nothing beyond `dotnet run`,
/// and no page ever loads anything from another host) and one HTML shell for every page route, which the
/// browser-side router renders. The pages talk to the same HTTP API and socket SeaTable's clients use.
/// </summary>
public static class WebAppSetup
{
    /// <summary>Where the scripts, styles and images are served; page routes are SeaTable's own paths.</summary>
    public const string AssetPrefix = "/web";

    // Everything the pages load comes from this server; scripts only from files (no inline script, no eval).
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The page routes: SeaTable's paths for the same pages, so its links work here too.</summary>
    internal static readonly string[] PageRoutes =
    [
        "/",
        "/accounts/login",
        "/trash",
        "/io",
        "/sys/{**rest}",
        "/workspace/{workspace_id:long}/dtable/{name}/{**rest}",
    ];

    /// <summary>
    /// Serves the files; call it before routing: a file is served before any route is matched, so the JSON 404
    /// fallback can take every other path (files the app does not have included).
    /// </summary>
    public static WebApplication UseSeaTableWebApp(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebAppSetup).Assembly, "WebApp/wwwroot");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = AssetPrefix,
            OnPrepareResponse = context =>
            {
                SetPageHeaders(context.Context.Response);
                // The file names do not change with a release: let browsers keep them, but ask each time.
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    public static IEndpointRouteBuilder MapSeaTableWebPages(this IEndpointRouteBuilder endpoints)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(WebAppSetup).Assembly, "WebApp/wwwroot");
        var shell = files.GetFileInfo("index.html");
        foreach (var route in PageRoutes)
        {
            endpoints.MapGet(route, async context =>
                {
                    SetPageHeaders(context.Response);
                    context.Response.Headers.CacheControl = "no-cache";
                    context.Response.ContentType = "text/html; charset=utf-8";
                    context.Response.ContentLength = shell.Length;
                    await using var stream = shell.CreateReadStream();
                    await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static void SetPageHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.XFrameOptions = "DENY";
    }
}
