using System.Net;
using System.Text.RegularExpressions;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.WebApp;

[Collection(SharedServerCollection.Name)]
public sealed class WebPagesTests_Sqlite(SharedServer server) : WebPagesTests(server);

/// <summary>
/// The web app's files as the server serves them: the page shell on SeaTable's page paths, the scripts and styles
/// under /web/, strict security headers, and nothing loaded from another host. The API's own 404 stays JSON.
/// </summary>
public abstract partial class WebPagesTests(ServerFixture server) : ApiTests(server)
{
    private static string WebRoot => Path.Combine(TestFolders.RepositoryRoot, "api", "WebApp", "wwwroot");

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/accounts/login/")]
    [InlineData("/trash/")]
    [InlineData("/io/")]
    [InlineData("/sys/")]
    [InlineData("/sys/trash/")]
    [InlineData("/workspace/1/dtable/Projects/")]
    [InlineData("/workspace/1/dtable/Projects/tokens/")]
    [InlineData("/workspace/12/dtable/With%20space")]
    public async Task Page_paths_answer_the_shell_with_strict_headers(string path)
    {
        using var client = Server.Factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/web/app.js\"></script>", html, StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [SkippableTheory]
    [InlineData("/web/app.js", "text/javascript")]
    [InlineData("/web/pages/base.js", "text/javascript")]
    [InlineData("/web/styles.css", "text/css")]
    [InlineData("/web/favicon.svg", "image/svg+xml")]
    public async Task Scripts_and_styles_are_served_from_the_assembly(string path, string type)
    {
        using var client = Server.Factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(WebRoot, path["/web/".Length..])), served);
    }

    [SkippableTheory]
    [InlineData("/web/nope.js")]
    [InlineData("/web/%2e%2e/SeaTable.Api.dll")]
    [InlineData("/web/..%2f..%2fappsettings.json")]
    [InlineData("/api/v2.1/nothing-here/")]
    [InlineData("/workspace/1/nothing/")]
    public async Task Unknown_files_and_routes_are_SeaTables_JSON_404(string path)
    {
        using var client = Server.Factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error_msg":"Not found."}""", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Works offline: no file of the app names another host to load a script, a style, a font or an image from.</summary>
    [Fact]
    public void No_file_of_the_app_loads_anything_from_another_host()
    {
        var files = Directory.EnumerateFiles(WebRoot, "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} files under {WebRoot}");
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var remote = RemoteReference().Match(text);
            Assert.False(remote.Success, $"{Path.GetRelativePath(WebRoot, file)} loads {remote.Value}");
        }
    }

    /// <summary>Every module parses as an ES module (node --check), so a syntax slip fails here before any browser test.</summary>
    [SkippableFact]
    public async Task Every_script_parses_as_a_module()
    {
        var node = ExternalTools.FindOnPath("node");
        Skip.If(node is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "node is not installed");
        Assert.NotNull(node);
        var folder = TestFolders.NewTempFolder("web-modules");
        try
        {
            foreach (var file in Directory.EnumerateFiles(WebRoot, "*.js", SearchOption.AllDirectories))
            {
                // As .mjs, node parses it as the browser does: an ES module, whatever package.json says.
                var copy = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".mjs");
                File.Copy(file, copy, overwrite: true);
                var result = await ClientProcess.RunAsync(node!, ["--check", copy], folder, TimeSpan.FromSeconds(30), new Dictionary<string, string>());
                Assert.True(result.ExitCode == 0, $"{Path.GetRelativePath(WebRoot, file)}: {result.Output}");
            }
        }
        finally
        {
            TestFolders.TryDelete(folder);
        }
    }

    [GeneratedRegex("""(?:\bimport\s*\(?\s*|\bfrom\s+|\bsrc\s*=\s*|\bhref\s*=\s*|url\(\s*)["']?(?:https?:)?//[^"'\s)]+""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteReference();
}
