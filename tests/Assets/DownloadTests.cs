using System.Globalization;
using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Assets.AssetCalls;

namespace SeaTable.Tests.Assets;

[Collection(SharedServerCollection.Name)]
public sealed class DownloadTests_Sqlite(SharedServer server, ClassUsers users) : DownloadTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class DownloadTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : DownloadTests(server, users);

/// <summary>
/// GET /api/v2.1/dtable/app-download-link/?path= (reference 3 E7, 4.4, 10.3 case 6) and the download link it
/// gives: the link, the bytes and headers it serves, path checks, the errors, the scope of a token, last_access.
/// </summary>
public abstract class DownloadTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string AccessDenied = "Access denied: the link is invalid or has expired.";
    private const string BaseGone = "The base no longer exists.";

    private SeaTableAppFactory Factory => Server.Factory;

    private async Task<AppBase> NewAppAsync() => await AppBase.CreateAsync(await users.GetAsync(Server, "downloader"));

    private static void AssertError(string body, string message) =>
        Assert.Equal($$"""{"error_msg":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""", body);

    /// <summary>GET of a download link on the in-memory server.</summary>
    private async Task<(HttpStatusCode Status, byte[] Body, HttpResponseMessage Response)> FetchAsync(string downloadLink)
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync(Local(downloadLink));
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }

    [SkippableFact]
    public async Task The_link_downloads_the_exact_bytes_as_an_attachment()
    {
        var app = await NewAppAsync();
        var month = Month();
        var content = RandomBytes(4321);
        await app.UploadAsync($"files/{month}", "a.txt", content);

        var body = await app.DownloadLinkAsync($"/files/{month}/a.txt");

        Assert.Equal(["download_link"], body.AsObject().Select(p => p.Key));
        var link = new Uri(body.Str("download_link"));
        Assert.Equal("localhost", link.Host);
        Assert.Matches("^/seafhttp/files/[A-Za-z0-9_-]+/a\\.txt$", link.AbsolutePath);
        var (status, bytes, response) = await FetchAsync(body.Str("download_link"));
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(content, bytes);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(4321, response.Content.Headers.ContentLength);
            var disposition = response.Content.Headers.ContentDisposition;
            Assert.NotNull(disposition);
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal("a.txt", disposition.FileName?.Trim('"'));
        }

        // Not one-time: the same link downloads again.
        var (again, againBytes, againResponse) = await FetchAsync(body.Str("download_link"));
        againResponse.Dispose();
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(content, againBytes);
    }

    [SkippableTheory]
    [InlineData("pic.png", "image/png")]
    [InlineData("pic.jpg", "image/jpeg")]
    [InlineData("doc.pdf", "application/pdf")]
    [InlineData("data.csv", "text/csv")]
    [InlineData("blob.unknownext", "application/octet-stream")]
    [InlineData("noextension", "application/octet-stream")]
    public async Task The_content_type_follows_the_extension(string name, string contentType)
    {
        var app = await NewAppAsync();
        var content = RandomBytes(64);
        await app.UploadAsync("images/2020-02", name, content);

        var link = (await app.DownloadLinkAsync($"/images/2020-02/{name}")).Str("download_link");

        var (status, bytes, response) = await FetchAsync(link);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(content, bytes);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(name, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }
    }

    [SkippableFact]
    public async Task The_name_in_the_link_is_url_quoted_and_the_attachment_keeps_it()
    {
        var app = await NewAppAsync();
        const string name = "my report ä#1.txt";
        var content = RandomBytes(20);
        await app.UploadAsync("files/2021-08", name, content);

        var link = (await app.DownloadLinkAsync($"/files/2021-08/{name}")).Str("download_link");

        Assert.EndsWith("/my%20report%20%C3%A4%231.txt", link, StringComparison.Ordinal);
        var (status, bytes, response) = await FetchAsync(link);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(content, bytes);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal(name, disposition.FileNameStar);
        }
    }

    [SkippableTheory]
    [InlineData("files/2020-10/invoice.pdf")]
    [InlineData("/files/2020-10/invoice.pdf")]
    [InlineData("files/2020-10/invoice.pdf/")]
    [InlineData("//files/2020-10/invoice.pdf")]
    public async Task Leading_and_trailing_slashes_do_not_matter(string path)
    {
        var app = await NewAppAsync();
        var content = RandomBytes(30);
        await app.UploadAsync("files/2020-10", "invoice.pdf", content);

        var link = (await app.DownloadLinkAsync(path)).Str("download_link");

        Assert.EndsWith("/invoice.pdf", link, StringComparison.Ordinal);
        var (_, bytes, response) = await FetchAsync(link);
        response.Dispose();
        Assert.Equal(content, bytes);
    }

    [SkippableTheory]
    [InlineData("?path=/../x")]
    [InlineData("?path=a/../../b")]
    [InlineData("?path=..%2Fx")]
    [InlineData("?path=/files/../../x")]
    [InlineData("?path=%2E%2E/x")]
    [InlineData("?path=files%5C..%5Cx")]
    [InlineData("?path=files/./a.txt")]
    [InlineData("?path=files//a.txt")]
    [InlineData("?path=..")]
    public async Task An_escaping_path_is_400_path_invalid(string query)
    {
        var app = await NewAppAsync();
        await app.UploadAsync("files", "a.txt", RandomBytes(5));

        var (status, body) = await Factory.AppGetAsync(DownloadLinkPath + query, $"Token {app.ApiToken}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, PathInvalid);
    }

    [SkippableTheory]
    [InlineData("/files/2020-01/missing.txt")]
    [InlineData("files/2020-01/missing.txt")]
    [InlineData("/files")]
    [InlineData("/")]
    public async Task A_missing_file_is_400_path_not_found(string path)
    {
        var app = await NewAppAsync();
        await app.UploadAsync("files", "present.txt", RandomBytes(5));

        var (status, body) = await Factory.AppGetAsync(DownloadLinkUrl(path), $"Token {app.ApiToken}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, $"path {path} not found.");
    }

    [SkippableFact]
    public async Task A_base_without_assets_is_400_asset_not_found()
    {
        var app = await NewAppAsync();

        var (status, body) = await Factory.AppGetAsync(DownloadLinkUrl("/files/2020-01/a.txt"), $"Token {app.ApiToken}");
        var (noPathStatus, noPathBody) = await Factory.AppGetAsync(DownloadLinkPath, $"Token {app.ApiToken}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, AssetNotFound);
        Assert.Equal(HttpStatusCode.BadRequest, noPathStatus);
        AssertError(noPathBody, AssetNotFound);
    }

    [SkippableFact]
    public async Task A_token_of_one_base_cannot_reach_another_bases_files()
    {
        var owner = await users.GetAsync(Server, "downloader");
        var a = await AppBase.CreateAsync(owner);
        var b = await AppBase.CreateAsync(owner);
        var empty = await AppBase.CreateAsync(owner);
        await a.UploadAsync("files/2020-01", "mine.txt", RandomBytes(5));
        await b.UploadAsync("files/2020-01", "secret.txt", RandomBytes(5));

        var sameRelative = await Factory.AppGetAsync(DownloadLinkUrl("/files/2020-01/secret.txt"), $"Token {a.ApiToken}");
        var climbing = await Factory.AppGetAsync(DownloadLinkUrl($"../{b.Uuid}/files/2020-01/secret.txt"), $"Token {a.ApiToken}");
        var fromEmpty = await Factory.AppGetAsync(DownloadLinkUrl("/files/2020-01/secret.txt"), $"Token {empty.ApiToken}");

        Assert.Equal(HttpStatusCode.BadRequest, sameRelative.Status);
        AssertError(sameRelative.Body, "path /files/2020-01/secret.txt not found.");
        Assert.Equal(HttpStatusCode.BadRequest, climbing.Status);
        AssertError(climbing.Body, PathInvalid);
        Assert.Equal(HttpStatusCode.BadRequest, fromEmpty.Status);
        AssertError(fromEmpty.Body, AssetNotFound);
    }

    [SkippableFact]
    public async Task A_download_link_serves_only_its_own_file()
    {
        var app = await NewAppAsync();
        var wanted = RandomBytes(10);
        await app.UploadAsync("files/x", "wanted.txt", wanted);
        await app.UploadAsync("files/x", "other.txt", RandomBytes(10));
        var link = (await app.DownloadLinkAsync("/files/x/wanted.txt")).Str("download_link");

        // The name after the token is only for the browser: the token decides which file is served.
        var renamed = link[..link.LastIndexOf('/')] + "/other.txt";
        var (status, bytes, response) = await FetchAsync(renamed);
        response.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(wanted, bytes);
    }

    [SkippableTheory]
    [InlineData("forged")]
    [InlineData("altered")]
    [InlineData("upload")]
    public async Task A_forged_altered_or_upload_token_does_not_download(string kind)
    {
        var app = await NewAppAsync();
        await app.UploadAsync("files/x", "f.txt", RandomBytes(10));
        var link = (await app.DownloadLinkAsync("/files/x/f.txt")).Str("download_link");
        var token = DownloadToken(link);
        var middle = token.Length / 2;
        var bad = kind switch
        {
            "forged" => Convert.ToHexStringLower(RandomBytes(20)),
            "altered" => token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..],
            _ => UploadToken(await app.UploadLinkUrlAsync()),
        };

        var (status, bytes, response) = await FetchAsync(link.Replace(token, bad, StringComparison.Ordinal));
        response.Dispose();

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(AccessDenied, System.Text.Encoding.UTF8.GetString(bytes));
    }

    [SkippableFact]
    public async Task A_trashed_base_gives_no_link_and_its_links_stop()
    {
        var app = await NewAppAsync();
        await app.UploadAsync("files/x", "t.txt", RandomBytes(10));
        var link = (await app.DownloadLinkAsync("/files/x/t.txt")).Str("download_link");
        await app.TrashAsync();

        var (status, body) = await Factory.AppGetAsync(DownloadLinkUrl("/files/x/t.txt"), $"Token {app.ApiToken}");
        var (linkStatus, linkBody, response) = await FetchAsync(link);
        response.Dispose();

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, $"dtable {app.Name} not found.");
        Assert.Equal(HttpStatusCode.NotFound, linkStatus);
        Assert.Equal(BaseGone, System.Text.Encoding.UTF8.GetString(linkBody));
        Assert.True(File.Exists(app.FilePath("files", "x", "t.txt")), "Trashing a base keeps its assets until the purge.");
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("Token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_missing_or_malformed_header_is_403(string? authorization)
    {
        var (status, body) = await Factory.AppGetAsync(DownloadLinkUrl("/files/a.txt"), authorization);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertError(body, PermissionDenied);
    }

    [SkippableFact]
    public async Task An_unknown_token_is_404()
    {
        var (status, body) = await Factory.AppGetAsync(DownloadLinkUrl("/files/a.txt"), $"Token {Convert.ToHexStringLower(RandomBytes(20))}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertError(body, TokenNotFound);
    }

    [SkippableFact]
    public async Task The_bearer_scheme_and_no_trailing_slash_work_too()
    {
        var app = await NewAppAsync();
        await app.UploadAsync("files/x", "b.txt", RandomBytes(10));

        var (status, body) = await Factory.AppGetAsync(DownloadLinkPath.TrimEnd('/') + "?path=/files/x/b.txt", $"Bearer {app.ApiToken}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.EndsWith("/b.txt", System.Text.Json.Nodes.JsonNode.Parse(body).Str("download_link"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_download_link_does_not_move_last_access()
    {
        var app = await NewAppAsync();
        // last_access has seconds precision: upload in a later second than the creation so the move shows.
        var created = JsonToken.Of(await app.ListedTokenAsync());
        while (DateTimeOffset.UtcNow < created.GeneratedAt.AddSeconds(1.1))
        {
            await Task.Delay(100);
        }

        await app.UploadAsync("files/x", "l.txt", RandomBytes(10));
        // The upload link moved last_access: wait until the list shows that, then for a later second.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        JsonToken token;
        while ((token = JsonToken.Of(await app.ListedTokenAsync())).LastAccess <= token.GeneratedAt)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The upload link did not move last_access within 10 s.");
            await Task.Delay(200);
        }

        while (DateTimeOffset.UtcNow < token.LastAccess.AddSeconds(1.1))
        {
            await Task.Delay(100);
        }

        var link = (await app.DownloadLinkAsync("/files/x/l.txt")).Str("download_link");
        var (_, _, response) = await FetchAsync(link);
        response.Dispose();
        await Factory.AppGetAsync(DownloadLinkUrl("/files/x/missing.txt"), $"Token {app.ApiToken}");

        // Longer than the token grain's flush interval (3 s), so a write-behind move would show.
        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        while (DateTimeOffset.UtcNow < until)
        {
            Assert.Equal(token.LastAccess, JsonToken.Of(await app.ListedTokenAsync()).LastAccess);
            await Task.Delay(500);
        }
    }

    private sealed record JsonToken(DateTimeOffset GeneratedAt, DateTimeOffset LastAccess)
    {
        public static JsonToken Of(System.Text.Json.Nodes.JsonObject token) => new(
            DateTimeOffset.Parse(token.Str("generated_at"), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(token.Str("last_access"), CultureInfo.InvariantCulture));
    }
}
