using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Assets.AssetCalls;

namespace SeaTable.Tests.Assets;

[Collection(SharedServerCollection.Name)]
public sealed class UploadLinkTests_Sqlite(SharedServer server, ClassUsers users) : UploadLinkTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class UploadLinkTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : UploadLinkTests(server, users);

/// <summary>
/// GET /api/v2.1/dtable/app-upload-link/ (reference 3 E6, 10.3 case 5): the answer, the header errors, a trashed
/// base, and last_access.
/// </summary>
public abstract partial class UploadLinkTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    [GeneratedRegex("^images/[0-9]{4}-[0-9]{2}$")]
    private static partial Regex ImagesMonth();

    private async Task<AppBase> NewAppAsync() => await AppBase.CreateAsync(await users.GetAsync(Server, "uploader"));

    [SkippableFact]
    public async Task The_link_names_the_upload_api_the_asset_folder_and_the_month_folders()
    {
        var app = await NewAppAsync();
        var before = Month();

        var body = await app.UploadLinkAsync();

        var after = Month();
        Assert.Equal(["file_relative_path", "img_relative_path", "parent_path", "upload_link"],
            body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var link = new Uri(body.Str("upload_link"));
        Assert.True(link.IsAbsoluteUri);
        Assert.Equal("localhost", link.Host);
        Assert.Matches("^/seafhttp/upload-api/[A-Za-z0-9_-]+$", link.AbsolutePath);
        Assert.Equal("", link.Query);
        Assert.Matches(DashedUuid(), app.Uuid);
        Assert.Equal($"/asset/{app.Uuid}", body.Str("parent_path"));
        Assert.Matches(ImagesMonth(), body.Str("img_relative_path"));
        Assert.Contains(body.Str("img_relative_path"), new[] { $"images/{before}", $"images/{after}" });
        Assert.Contains(body.Str("file_relative_path"), new[] { $"files/{before}", $"files/{after}" });
        Assert.Equal(body.Str("img_relative_path")[7..], body.Str("file_relative_path")[6..]);
    }

    [SkippableFact]
    public async Task Each_call_gives_a_new_link_and_any_of_them_uploads()
    {
        var app = await NewAppAsync();

        var first = (await app.UploadLinkAsync()).Str("upload_link");
        var second = (await app.UploadLinkAsync()).Str("upload_link");

        // A Seafile upload token is not one-time: both links work, and the first one twice.
        foreach (var link in new[] { first, second, first })
        {
            var entry = Assert.Single(await Server.Factory.UploadJsonAsync(link,
                new MultipartBody().File("x.txt", RandomBytes(10)).Field("parent_dir", app.ParentPath)));
            Assert.StartsWith("x", entry.Str("name"), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task The_bearer_scheme_works_too()
    {
        var app = await NewAppAsync();

        var (status, body) = await Server.Factory.AppGetAsync(UploadLinkPath, $"Bearer {app.ApiToken}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(app.ParentPath, JsonNode.Parse(body).Str("parent_path"));
    }

    [SkippableFact]
    public async Task The_path_without_a_trailing_slash_works_too()
    {
        var app = await NewAppAsync();

        var body = await Server.Factory.AppGetJsonAsync(UploadLinkPath.TrimEnd('/'), app.ApiToken, HttpStatusCode.OK);

        Assert.Equal(app.ParentPath, body.Str("parent_path"));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token a b")]
    public async Task A_missing_or_malformed_header_is_403(string? authorization)
    {
        var (status, body) = await Server.Factory.AppGetAsync(UploadLinkPath, authorization);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"error_msg":"Permission denied."}""", body);
    }

    [SkippableFact]
    public async Task An_unknown_token_is_404()
    {
        var body = await Server.Factory.AppGetJsonAsync(UploadLinkPath, Convert.ToHexStringLower(RandomBytes(20)), HttpStatusCode.NotFound);

        Assert.Equal($$"""{"error_msg":"{{TokenNotFound}}"}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task An_account_token_is_not_an_api_token()
    {
        var owner = await users.GetAsync(Server, "uploader");

        var body = await Server.Factory.AppGetJsonAsync(UploadLinkPath, owner.Account.Token, HttpStatusCode.NotFound);

        Assert.Equal($$"""{"error_msg":"{{TokenNotFound}}"}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task A_trashed_base_is_404_and_a_restored_one_works_again()
    {
        var app = await NewAppAsync();
        await app.TrashAsync();

        var body = await app.UploadLinkAsync(HttpStatusCode.NotFound);

        Assert.Equal($$"""{"error_msg":"dtable {{app.Name}} not found."}""", body.ToJsonString());

        using var client = app.Owner.Client();
        var trashed = Assert.Single(await client.TrashListAsync(), t => t.Str("uuid") == app.Uuid);
        AssertSuccess(await client.CallAsync(HttpMethod.Put, RestoreUrl(trashed.Long("id")), null, HttpStatusCode.OK));
        Assert.Equal(app.ParentPath, (await app.UploadLinkAsync()).Str("parent_path"));
    }

    [SkippableFact]
    public async Task The_upload_link_moves_last_access_forward_within_seconds()
    {
        var app = await NewAppAsync();
        var token = await app.ListedTokenAsync();
        var generatedAt = DateTimeOffset.Parse(token.Str("generated_at"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(token.Str("generated_at"), token.Str("last_access"));
        // last_access has seconds precision: ask in a later second than the creation so the move shows.
        while (DateTimeOffset.UtcNow < generatedAt.AddSeconds(1.1))
        {
            await Task.Delay(100);
        }

        var askedAt = DateTimeOffset.UtcNow;
        await app.UploadLinkAsync();

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        DateTimeOffset lastAccess;
        while ((lastAccess = DateTimeOffset.Parse((await app.ListedTokenAsync()).Str("last_access"), System.Globalization.CultureInfo.InvariantCulture)) <= generatedAt)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "last_access did not move within 10 s of the upload link call.");
            await Task.Delay(200);
        }

        Assert.InRange(lastAccess, askedAt.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
