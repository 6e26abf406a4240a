using System.Net;
using System.Text;
using SeaTable.Tests.Api;
using SeaTable.Tests.Assets;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Assets.AssetCalls;

namespace SeaTable.Tests.WebApp;

/// <summary>The one call of the asset URL, tried as every caller.</summary>
public enum AssetOperation
{
    Get,
}

[Collection(SharedServerCollection.Name)]
public sealed class AssetFileTests_Sqlite(SharedServer server, ClassUsers users) : AssetFileTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AssetFileTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AssetFileTests(server, users);

/// <summary>
/// GET /workspace/{id}/asset/{uuid}/{path}: the URL an upload stores in an image or file cell opens for a
/// signed-in user who may read the base (login token, or the web app's cookie from web-session/), and for no one
/// else; images inline, other files as downloads; no path leaves the base's folder.
/// </summary>
public abstract class AssetFileTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static readonly PermissionMatrix<AssetOperation> Calls =
        new(Actor.Anonymous, Actor.InvalidToken, Actor.Stranger, Actor.ReadShare, Actor.ReadWriteShare, Actor.SystemAdmin, Actor.Owner,
            Actor.ApiTokenRead, Actor.ApiTokenReadWrite)
        {
            [AssetOperation.Get] = new(HttpMethod.Get, s => s["url"], null, [Actor.ReadShare, Actor.ReadWriteShare, Actor.Owner]),
        };

    public static TheoryData<Actor, AssetOperation> Matrix => Calls.Cases;

    private async Task<(PermissionScene Scene, AppBase App)> SceneWithImageAsync()
    {
        var scene = await PermissionScene.CreateAsync(Server, users, new SceneOptions("assets-web"));
        var app = new AppBase(scene.Owner, scene.Name, scene.Uuid, (await scene.ApiTokenAsync("rw")).Str("api_token"), scene.Factory);
        await app.UploadAsync($"images/{Month()}", "pic.png", Png);
        await app.UploadAsync($"files/{Month()}", "page.html", Encoding.UTF8.GetBytes("<script>alert(1)</script>"));
        scene["url"] = $"/workspace/{scene.WorkspaceId}/asset/{scene.Uuid}/images/{Month()}/pic.png";
        scene["html"] = $"/workspace/{scene.WorkspaceId}/asset/{scene.Uuid}/files/{Month()}/page.html";
        return (scene, app);
    }

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Readers_of_the_base_open_its_files_and_no_one_else_does(Actor actor, AssetOperation operation)
    {
        var (scene, _) = await SceneWithImageAsync();
        var answer = await scene.AssertAsync(actor, Calls[operation]);
        if (Calls[operation].Allows(actor))
        {
            Assert.Equal(Png, answer.Bytes);
            Assert.Equal("image/png", answer.MediaType);
        }
    }

    [SkippableFact]
    public async Task The_web_session_cookie_opens_the_files_until_it_is_cleared()
    {
        var (scene, _) = await SceneWithImageAsync();
        using var owner = scene.Owner.Client();
        using var started = await owner.PostAsync("/api/v2.1/web-session/", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var setCookie = Assert.Single(started.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("seatable_web=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/workspace/", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];

        // The cookie alone (no Authorization header), as an <img> sends it.
        var (status, bytes, type, _) = await GetWithCookieAsync(scene.Factory, scene["url"], cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Png, bytes);
        Assert.Equal("image/png", type);

        // Another user's cookie opens nothing of this base; a made-up one nothing at all.
        var strangerCookie = "seatable_web=" + scene.Stranger.Account.Token;
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithCookieAsync(scene.Factory, scene["url"], strangerCookie)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetWithCookieAsync(scene.Factory, scene["url"], "seatable_web=" + new string('0', 40))).Status);

        // The cookie is accepted by the asset URL only: the account API still wants the header.
        using (var client = scene.Factory.CreateClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api2/account/info/"))
        {
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // Sign-out clears it (anyone may ask, even without a token).
        using var anonymous = scene.Factory.CreateClient();
        using var ended = await anonymous.DeleteAsync("/api/v2.1/web-session/");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var cleared = Assert.Single(ended.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^seatable_web=;.*expires=Thu, 01 Jan 1970", cleared);
    }

    [SkippableFact]
    public async Task Images_open_inline_and_other_files_download_without_running_as_the_site()
    {
        var (scene, _) = await SceneWithImageAsync();
        using var owner = scene.Owner.Client();
        using (var image = await owner.GetAsync(scene["url"]))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        }

        using var html = await owner.GetAsync(scene["html"]);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("application/octet-stream", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("page.html", html.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("sandbox", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("images/%2e%2e/%2e%2e/%2e%2e/jwt-secret")]
    [InlineData("%2e%2e%2f%2e%2e%2fother")]
    [InlineData("images/..%2F..%2Fx")]
    [InlineData("images/missing.png")]
    [InlineData("images%5C..%5Cx")]
    public async Task Paths_outside_the_base_or_missing_files_are_not_found(string path)
    {
        var (scene, _) = await SceneWithImageAsync();
        using var owner = scene.Owner.Client();
        using var response = await owner.GetAsync($"/workspace/{scene.WorkspaceId}/asset/{scene.Uuid}/{path}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // "Not found." where the client's own URL normalization (%2e%2e is "..") already left the asset route.
        Assert.Matches("""^\{"error_msg":"(File not found|Not found)\."\}$""", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Another_workspace_an_unknown_base_or_a_trashed_one_shows_nothing()
    {
        var (scene, _) = await SceneWithImageAsync();
        using var owner = scene.Owner.Client();
        var rest = $"images/{Month()}/pic.png";
        foreach (var url in new[]
                 {
                     $"/workspace/{scene.WorkspaceId + 1000}/asset/{scene.Uuid}/{rest}",
                     $"/workspace/{scene.WorkspaceId}/asset/{Guid.NewGuid()}/{rest}",
                     $"/workspace/{scene.WorkspaceId}/asset/not-a-uuid/{rest}",
                 })
        {
            using var response = await owner.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }

        await scene.TrashAsync();
        using var trashed = await owner.GetAsync(scene["url"]);
        Assert.Equal(HttpStatusCode.NotFound, trashed.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, byte[] Bytes, string? MediaType, string Body)> GetWithCookieAsync(
        SeaTableAppFactory factory, string url, string cookie)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType, Encoding.UTF8.GetString(bytes));
    }
}
