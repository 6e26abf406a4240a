using System.IO.Compression;
using System.Net;
using System.Text;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.ImportExport;

[Collection(SharedServerCollection.Name)]
public sealed class HostileInputTests_Sqlite(SharedServer server, ClassUsers users) : HostileInputTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class HostileInputTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : HostileInputTests(server, users);

/// <summary>
/// Every hostile upload of the issue: a clear 4xx, or a task that fails with an error_msg; either way no base
/// (the name is free again), no asset folder and no task file is left behind.
/// </summary>
public abstract class HostileInputTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private SeaTableAppFactory Factory => Server.Factory;

    private static byte[] GoodContent => Encoding.UTF8.GetBytes(SampleBase.Content().ToJsonString());

    [SkippableFact]
    public Task Zip_bomb_fails_the_task() => AssertRefusedAsync(".dtable",
        new ArchiveBuilder().Add("content.json", GoodContent).Add("asset/images/2025-10/bomb.png", new byte[48 * 1024 * 1024], level: CompressionLevel.SmallestSize).Build(),
        "zip bomb");

    [SkippableTheory]
    [InlineData("../evil.txt")]
    [InlineData("asset/../../evil.txt")]
    [InlineData("asset/images/../../../evil.txt")]
    [InlineData("/etc/evil.txt")]
    [InlineData("asset\\..\\..\\evil.txt")]
    [InlineData("C:/evil.txt")]
    public Task Path_traversal_and_absolute_entries_fail_the_task(string entry) => AssertRefusedAsync(".dtable",
        new ArchiveBuilder().Add("content.json", GoodContent).Add(entry, "owned"u8.ToArray()).Build(),
        "unsafe path");

    [SkippableFact]
    public Task Symbolic_link_entry_fails_the_task() => AssertRefusedAsync(".dtable",
        new ArchiveBuilder().Add("content.json", GoodContent).Add("asset/images/2025-10/link.png", "/etc/passwd"u8.ToArray(), unixMode: 0xA1FF).Build(),
        "symbolic link");

    [SkippableFact]
    public Task Content_json_that_is_not_json_fails_the_task() => AssertRefusedAsync(".dtable",
        new ArchiveBuilder().Add("content.json", "{\"tables\": [ this is not json").Build(),
        "content.json is not valid JSON");

    [SkippableTheory]
    [InlineData("[1, 2, 3]", "the top level is not an object")]
    [InlineData("{\"version\": 1}", "\"tables\" is missing or not a list")]
    [InlineData("{\"tables\": {\"0000\": {}}}", "\"tables\" is missing or not a list")]
    [InlineData("{\"tables\": [{\"_id\": \"0000\", \"name\": \"T\", \"columns\": [{\"name\": \"x\", \"type\": \"text\"}], \"rows\": []}]}", "tables[0].columns[0] has no \"key\"")]
    [InlineData("{\"tables\": [{\"_id\": \"0000\", \"name\": \"T\", \"columns\": [], \"rows\": [\"row\"]}]}", "tables[0].rows[0] is not an object")]
    [InlineData("{\"tables\": [{\"name\": \"T\", \"columns\": [], \"rows\": []}]}", "tables[0] has no \"_id\"")]
    public Task Content_json_of_the_wrong_shape_fails_the_task(string content, string why) => AssertRefusedAsync(".dtable",
        new ArchiveBuilder().Add("content.json", content).Build(),
        $"content.json is not a SeaTable base: {why}.");

    [SkippableFact]
    public Task Truncated_zip_is_refused() => AssertRefusedAsync(".dtable",
        SampleBase.Archive().Build()[..^40],
        "A *.dtable file is required.");

    [SkippableFact]
    public Task Zip_without_content_json_fails_the_task() => AssertRefusedAsync(".dtable",
        new ArchiveBuilder().Folder("asset/").Add("asset/images/2025-10/a.png", SampleBase.Image).Build(),
        "The archive has no content.json");

    [SkippableFact]
    public Task Manifest_mismatch_fails_the_task() => AssertRefusedAsync(".dtable",
        SampleBase.Archive().WithManifest(name => name == "asset/" + SampleBase.ImagePath ? new string('0', 64) : null!).Build(),
        $"asset/{SampleBase.ImagePath} does not match its SHA-256 in manifest.json");

    [SkippableFact]
    public Task Altered_content_under_a_manifest_fails_the_task()
    {
        var archive = SampleBase.Archive().WithManifest();
        return AssertRefusedAsync(".dtable", archive.Add("forms.json", "[]").Build(), "forms.json is not listed in manifest.json");
    }

    [SkippableFact]
    public Task Csv_in_latin1_is_refused() => AssertRefusedAsync(".csv",
        Encoding.Latin1.GetBytes("Name,City\nRené,Zürich\n"),
        "not UTF-8");

    [SkippableFact]
    public Task Csv_in_utf16_is_refused() => AssertRefusedAsync(".csv",
        Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Name,City\nA,B\n")).ToArray(),
        "not UTF-8");

    [SkippableFact]
    public Task Csv_with_ragged_rows_is_refused() => AssertRefusedAsync(".csv",
        "Name,City\nA,B\nC\nD,E\n"u8.ToArray(),
        "Line 3 of the CSV file has 1 fields, but the header has 2");

    [SkippableFact]
    public Task Empty_csv_is_refused() => AssertRefusedAsync(".csv", [], "Sheet is empty");

    [SkippableFact]
    public Task Empty_dtable_is_refused() => AssertRefusedAsync(".dtable", [], "A *.dtable file is required.");

    [SkippableFact]
    public Task Csv_with_only_blank_lines_is_refused() => AssertRefusedAsync(".csv", "\r\n\r\n"u8.ToArray(), "Sheet is empty");

    [SkippableFact]
    public async Task Missing_file_wrong_extension_and_not_multipart_are_refused()
    {
        var owner = await users.GetAsync(Server, "hostile");
        using var client = owner.Client();
        var url = ImportUrl(owner.WorkspaceId);
        AssertError(await client.CallAsync(HttpMethod.Post, url, Bodies.Multipart(("folder_id", "1")), HttpStatusCode.BadRequest), "dtable invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, url, Bodies.Json(("dtable", "x.csv")), HttpStatusCode.BadRequest), "dtable invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, url, FileBody("book.xlsx", [1, 2, 3]), HttpStatusCode.BadRequest), "dtable book.xlsx invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, url, FileBody("noextension", [1, 2, 3]), HttpStatusCode.BadRequest), "dtable noextension invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, url, FileBody(".csv", "a\n1\n"u8.ToArray()), HttpStatusCode.BadRequest), "dtable .csv invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, url, FileBody("x.csv", "a\n1\n"u8.ToArray(), field: "file"), HttpStatusCode.BadRequest), "dtable invalid.");
    }

    /// <summary>
    /// Uploads the file under a fresh name; the refusal (400 at once, or a failed task) must carry the text, and
    /// nothing may remain: no base of that name, no task file, no asset folder of the would-be base.
    /// </summary>
    private async Task AssertRefusedAsync(string extension, byte[] file, string expected)
    {
        var owner = await users.GetAsync(Server, "hostile");
        using var client = owner.Client();
        var name = NewBaseName("hostile");
        var ioBefore = IoFolders();

        var (status, body) = await client.ImportRawAsync(owner.WorkspaceId, name + extension, file);

        string error;
        if (status == HttpStatusCode.OK)
        {
            var taskId = body.Str("task_id");
            error = await client.WaitFailedAsync(taskId);
            AssertNoTaskFiles(Factory, taskId);
            Assert.False(Directory.Exists(AssetFolder(Factory, body["table"]!.Str("uuid"))), "the failed import left an asset folder");
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            error = body.Str("error_msg");
        }

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(ioBefore, IoFolders());
        Assert.False(File.Exists(Path.Combine(Factory.DataDir, "blobs", "evil.txt")));
        Assert.DoesNotContain(name, await client.BaseNamesAsync());
        // The name is free: the refused import holds nothing.
        await client.CreateBaseAsync(name);
    }

    private HashSet<string> IoFolders()
    {
        var io = Path.Combine(Factory.DataDir, "blobs", "io");
        return Directory.Exists(io) ? [.. Directory.EnumerateDirectories(io).Select(d => Path.GetFileName(d))] : [];
    }
}
