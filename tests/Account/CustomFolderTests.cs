using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Assets;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Account;

[Collection(SharedServerCollection.Name)]
public sealed class CustomFolderTests_Sqlite(SharedServer server, ClassUsers users) : CustomFolderTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CustomFolderTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : CustomFolderTests(server, users);

/// <summary>
/// The custom-folder calls as the Python client makes them (upload_local_file_to_custom_folder, get_custom_file_info,
/// list_custom_assets, get_custom_file_download_link / download_custom_file), and paths that try to leave the folder.
/// </summary>
public abstract class CustomFolderTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string Custom = "/api/v2.1/dtable/custom/";

    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    private static string Q(string value) => Uri.EscapeDataString(value);

    [SkippableFact]
    public async Task A_file_is_uploaded_into_a_custom_folder_described_listed_and_downloaded()
    {
        var b = await AppBase.CreateAsync(await Owner);
        var link = await Server.Factory.AppGetJsonAsync($"{Custom}app-upload-link/?path={Q("/reports")}", b.ApiToken, HttpStatusCode.OK);
        Assert.Equal($"/asset/{b.Uuid}", link.Str("parent_path"));
        Assert.Equal("custom/reports", link.Str("relative_path"));

        var content = AssetCalls.RandomBytes(1500);
        var uploaded = Assert.Single(await Server.Factory.UploadJsonAsync(link.Str("upload_link"),
            new MultipartBody().File("q1.pdf", content).Field("parent_dir", link.Str("parent_path")).Field("relative_path", link.Str("relative_path")).Field("replace", "0")));
        Assert.Equal("q1.pdf", uploaded.Str("name"));
        Assert.Equal(content, await File.ReadAllBytesAsync(b.FilePath("custom", "reports", "q1.pdf")));

        var info = (await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-file/?path={Q("/reports")}&name=q1.pdf", b.ApiToken, HttpStatusCode.OK))["dirent"]!;
        Assert.Equal("q1.pdf", info.Str("obj_name"));
        Assert.Equal(1500, info.Long("file_size"));
        Assert.Matches(DashedUuid(), info.Str("uuid"));
        // Stable: the same file has the same uuid on every call.
        Assert.Equal(info.Str("uuid"), (await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-file/?path=reports&name=q1.pdf", b.ApiToken, HttpStatusCode.OK))["dirent"]!.Str("uuid"));

        var root = await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-dir/?path=/", b.ApiToken, HttpStatusCode.OK);
        Assert.Equal(["reports"], root.Objects("dir").Select(d => d.Str("name")));
        Assert.Empty(root.Objects("file"));
        var reports = await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-dir/?path={Q("/reports")}", b.ApiToken, HttpStatusCode.OK);
        var listed = Assert.Single(reports.Objects("file"));
        Assert.Equal("q1.pdf", listed.Str("name"));
        Assert.Equal(info.Str("uuid"), listed.Str("uuid"));

        var download = (await Server.Factory.AppGetJsonAsync($"{Custom}app-download-link/?path={Q("/reports/q1.pdf")}", b.ApiToken, HttpStatusCode.OK)).Str("download_link");
        using var anonymous = Server.Factory.CreateClient();
        Assert.Equal(content, await anonymous.GetByteArrayAsync(AssetCalls.Local(download)));
    }

    [SkippableTheory]
    [InlineData("/../secret")]
    [InlineData("reports/../../other-base")]
    [InlineData("/reports/./x")]
    [InlineData("..\\..\\etc")]
    [InlineData("C:/windows")]
    [InlineData("/a\0b")]
    public async Task Paths_that_leave_the_custom_folder_are_refused_on_every_call(string path)
    {
        var b = await AppBase.CreateAsync(await Owner);
        var before = AssetCalls.BlobSnapshot(Server.Factory.DataDir);
        foreach (var call in new[] { "app-upload-link", "app-download-link", "app-asset-dir" })
        {
            var body = await Server.Factory.AppGetJsonAsync($"{Custom}{call}/?path={Q(path)}", b.ApiToken, HttpStatusCode.BadRequest);
            AssertError(body, "path invalid.");
        }

        AssertError(await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-file/?path={Q(path)}&name=a.txt", b.ApiToken, HttpStatusCode.BadRequest), "path invalid.");
        Assert.Equal(before, AssetCalls.BlobSnapshot(Server.Factory.DataDir));
    }

    [SkippableFact]
    public async Task Bad_names_missing_files_and_missing_credentials_get_seatable_errors()
    {
        var b = await AppBase.CreateAsync(await Owner);
        foreach (var name in new[] { "..", "a/b", "a\\b", "" })
        {
            AssertError(await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-file/?path=/&name={Q(name)}", b.ApiToken, HttpStatusCode.BadRequest), "name invalid.");
        }

        AssertError(await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-file/?path=/&name=none.txt", b.ApiToken, HttpStatusCode.NotFound), "File none.txt not found.");
        AssertError(await Server.Factory.AppGetJsonAsync($"{Custom}app-download-link/?path=/none.txt", b.ApiToken, HttpStatusCode.BadRequest), "path /none.txt not found.");
        AssertError(await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-dir/?path=/none", b.ApiToken, HttpStatusCode.NotFound), "Folder /none not found.");
        var empty = await Server.Factory.AppGetJsonAsync($"{Custom}app-asset-dir/?path=/", b.ApiToken, HttpStatusCode.OK);
        Assert.Empty(empty.Objects("dir"));
        Assert.Empty(empty.Objects("file"));

        var (status, body) = await Server.Factory.AppGetAsync($"{Custom}app-upload-link/?path=/", null);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains(PermissionDenied, body);
        (status, _) = await Server.Factory.AppGetAsync($"{Custom}app-upload-link/?path=/", "Token " + new string('a', 40));
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
