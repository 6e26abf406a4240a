using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Assets.AssetCalls;

namespace SeaTable.Tests.Assets;

[Collection(SharedServerCollection.Name)]
public sealed class UploadTests_Sqlite(SharedServer server, ClassUsers users) : UploadTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class UploadTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : UploadTests(server, users);

/// <summary>
/// POST to the upload link (reference 4.3, Seafile's upload-api; 10.3 case 5): the answer with and without
/// ret-json, the stored bytes, renaming on a clash, replace, several files, field order, and every refusal,
/// each of which stores nothing and leaves no staging file behind.
/// </summary>
public abstract class UploadTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string AccessDenied = "Access denied: the link is invalid or has expired.";
    private const string BaseGone = "The base no longer exists.";
    private const string WrongParent = "Access denied: parent_dir must be the link's asset folder.";
    private const string BadRelativePath = "Bad request: invalid relative_path.";
    private const string InvalidFileName = "Invalid filename.";
    private const string NoFile = "Bad request: no file was uploaded.";
    private const string NotMultipart = "Bad request: a multipart form is required.";
    private const string TooLarge = "File too large.";
    private const string Malformed = "Bad request: the upload was malformed or interrupted.";

    private SeaTableAppFactory Factory => Server.Factory;

    private async Task<AppBase> NewAppAsync() => await AppBase.CreateAsync(await users.GetAsync(Server, "uploader"));

    /// <summary>The fields SeaTable's Python client sends before the file: parent_dir and relative_path.</summary>
    private static MultipartBody Fields(AppBase app, string? relativePath) =>
        relativePath is null
            ? new MultipartBody().Field("parent_dir", app.ParentPath)
            : new MultipartBody().Field("parent_dir", app.ParentPath).Field("relative_path", relativePath);

    /// <summary>Runs a refused upload: that status and plain-text body, and the blob store exactly as before.</summary>
    private async Task AssertRefusedAsync(string uploadLink, HttpContent content, HttpStatusCode status, string text, string query = "?ret-json=1")
    {
        var before = BlobSnapshot(Factory.DataDir);

        var (actual, contentType, body) = await Factory.PostUploadAsync(uploadLink, content, query);

        // Every difference in one message: a wrong status and a half-stored upload are reported together.
        var problems = new List<string>();
        if (actual != status || body != text)
        {
            problems.Add($"expected {(int)status} \"{text}\", got {(int)actual} \"{body}\"");
        }

        if (contentType != "text/plain")
        {
            problems.Add($"content type {contentType}");
        }

        var after = BlobSnapshot(Factory.DataDir);
        if (!after.SequenceEqual(before))
        {
            problems.Add("the blob store changed: now holds " + string.Join(", ", after.Keys.Except(before.Keys)));
        }

        Assert.True(problems.Count == 0, "Refused upload: " + string.Join("; ", problems));
        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableFact]
    public async Task An_upload_answers_name_sha1_and_size_and_stores_the_exact_bytes()
    {
        var app = await NewAppAsync();
        var link = await app.UploadLinkAsync();
        var content = RandomBytes(1234);

        var answer = await Factory.UploadJsonAsync(link.Str("upload_link"),
            Fields(app, link.Str("file_relative_path")).File("a.txt", content));

        var entry = Assert.Single(answer);
        Assert.Equal(["id", "name", "size"], entry.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("a.txt", entry.Str("name"));
        Assert.Equal(Sha1(content), entry.Str("id"));
        Assert.Matches("^[0-9a-f]{40}$", entry.Str("id"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, entry["size"]!.GetValueKind());
        Assert.Equal(1234, entry.Long("size"));
        Assert.Equal(content, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "a.txt")));
        Assert.Equal(["a.txt"], Directory.GetFiles(app.FilePath("files", Month())).Select(Path.GetFileName));
        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableFact]
    public async Task The_same_name_again_is_renamed_and_replace_overwrites()
    {
        var app = await NewAppAsync();
        var relative = $"images/{Month()}";
        var contents = Enumerable.Range(0, 5).Select(i => RandomBytes(100 + i)).ToArray();

        var first = await app.UploadAsync(relative, "photo.png", contents[0]);
        var second = await app.UploadAsync(relative, "photo.png", contents[1]);
        var third = await app.UploadAsync(relative, "photo.png", contents[2]);
        var replaced = await app.UploadAsync(relative, "photo.png", contents[3], replace: true);
        var noExtension = new[] { await app.UploadAsync(relative, "README", contents[4]), await app.UploadAsync(relative, "README", contents[4]) };

        Assert.Equal("photo.png", first.Str("name"));
        Assert.Equal("photo (1).png", second.Str("name"));
        Assert.Equal("photo (2).png", third.Str("name"));
        Assert.Equal("photo.png", replaced.Str("name"));
        Assert.Equal(Sha1(contents[3]), replaced.Str("id"));
        Assert.Equal(103, replaced.Long("size"));
        Assert.Equal(["README", "README (1)"], noExtension.Select(e => e.Str("name")));
        Assert.Equal(contents[3], await File.ReadAllBytesAsync(app.FilePath("images", Month(), "photo.png")));
        Assert.Equal(contents[1], await File.ReadAllBytesAsync(app.FilePath("images", Month(), "photo (1).png")));
        Assert.Equal(contents[2], await File.ReadAllBytesAsync(app.FilePath("images", Month(), "photo (2).png")));
        Assert.Equal(["README", "README (1)", "photo (1).png", "photo (2).png", "photo.png"],
            Directory.GetFiles(app.FilePath("images", Month())).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableTheory]
    [InlineData("0")]
    [InlineData("")]
    public async Task Replace_zero_or_empty_renames(string replace)
    {
        var app = await NewAppAsync();
        var relative = $"files/{Month()}";
        await app.UploadAsync(relative, "doc.txt", RandomBytes(5));
        var content = RandomBytes(6);

        var entry = Assert.Single(await Factory.UploadJsonAsync(await app.UploadLinkUrlAsync(),
            Fields(app, relative).Field("replace", replace).File("doc.txt", content)));

        Assert.Equal("doc (1).txt", entry.Str("name"));
        Assert.Equal(content, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "doc (1).txt")));
    }

    [SkippableFact]
    public async Task A_name_taken_by_a_folder_is_renamed_too()
    {
        var app = await NewAppAsync();
        await app.UploadAsync("images/2020-01", "x.png", RandomBytes(3));
        var content = RandomBytes(5);

        // Seafile renames on a clash with any entry of the folder (filename_exists looks at every dirent).
        var (status, _, text) = await Factory.PostUploadAsync(await app.UploadLinkUrlAsync(), Fields(app, null).File("images", content).Build());

        Assert.True(status == HttpStatusCode.OK, $"Upload of a file named like a folder: expected 200, got {(int)status}: {text}");
        Assert.Equal("images (1)", Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(text)))!.Str("name"));
        Assert.Equal(content, await File.ReadAllBytesAsync(app.FilePath("images (1)")));
        Assert.True(File.Exists(app.FilePath("images", "2020-01", "x.png")));
        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableFact]
    public async Task Several_files_in_one_request_are_answered_in_order()
    {
        var app = await NewAppAsync();
        var files = new (string Name, byte[] Content)[] { ("one.txt", RandomBytes(11)), ("two.png", RandomBytes(22)), ("one.txt", RandomBytes(33)) };
        var body = Fields(app, $"files/{Month()}");
        foreach (var (name, content) in files)
        {
            body.File(name, content);
        }

        var answer = await Factory.UploadJsonAsync(await app.UploadLinkUrlAsync(), body);

        Assert.Equal(["one.txt", "two.png", "one (1).txt"], answer.Select(e => e.Str("name")));
        Assert.Equal(files.Select(f => Sha1(f.Content)), answer.Select(e => e.Str("id")));
        Assert.Equal(new long[] { 11, 22, 33 }, answer.Select(e => e.Long("size")));
        Assert.Equal(files[0].Content, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "one.txt")));
        Assert.Equal(files[1].Content, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "two.png")));
        Assert.Equal(files[2].Content, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "one (1).txt")));
        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableFact]
    public async Task Fields_sent_after_the_file_part_work_too()
    {
        var app = await NewAppAsync();
        var content = RandomBytes(300);

        var entry = Assert.Single(await Factory.UploadJsonAsync(await app.UploadLinkUrlAsync(), new MultipartBody()
            .File("late.txt", content)
            .Field("relative_path", "custom/late")
            .Field("parent_dir", app.ParentPath)));

        Assert.Equal("late.txt", entry.Str("name"));
        Assert.Equal(content, await File.ReadAllBytesAsync(app.FilePath("custom", "late", "late.txt")));
        Assert.False(File.Exists(app.FilePath("late.txt")));
        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableFact]
    public async Task Without_ret_json_the_answer_is_the_ids_as_plain_text()
    {
        var app = await NewAppAsync();
        var a = RandomBytes(40);
        var b = RandomBytes(50);

        var (status, contentType, text) = await Factory.PostUploadAsync(await app.UploadLinkUrlAsync(),
            Fields(app, $"files/{Month()}").File("a.bin", a).File("b.bin", b).Build(), query: "");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain", contentType);
        Assert.Equal([Sha1(a), Sha1(b)], text.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(a, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "a.bin")));
        Assert.Equal(b, await File.ReadAllBytesAsync(app.FilePath("files", Month(), "b.bin")));
    }

    [SkippableFact]
    public async Task Without_relative_path_the_file_lands_in_the_asset_folder_and_a_deeper_parent_dir_is_allowed()
    {
        var app = await NewAppAsync();
        var link = await app.UploadLinkUrlAsync();
        var top = RandomBytes(7);
        var deep = RandomBytes(8);

        var topEntry = Assert.Single(await Factory.UploadJsonAsync(link, Fields(app, null).File("top.txt", top)));
        var deepEntry = Assert.Single(await Factory.UploadJsonAsync(link, new MultipartBody()
            .Field("parent_dir", app.ParentPath + "/images/")
            .Field("relative_path", "2020-02/")
            .File("deep.txt", deep)));

        Assert.Equal("top.txt", topEntry.Str("name"));
        Assert.Equal("deep.txt", deepEntry.Str("name"));
        Assert.Equal(top, await File.ReadAllBytesAsync(app.FilePath("top.txt")));
        Assert.Equal(deep, await File.ReadAllBytesAsync(app.FilePath("images", "2020-02", "deep.txt")));
    }

    [SkippableFact]
    public async Task Non_ascii_names_work_raw_and_as_filename_star()
    {
        var app = await NewAppAsync();
        var link = await app.UploadLinkUrlAsync();
        var raw = RandomBytes(9);
        var star = RandomBytes(10);

        // Python's requests writes the UTF-8 name raw in filename="…"; .NET's HttpClient adds filename*=utf-8''….
        var rawEntry = Assert.Single(await Factory.UploadJsonAsync(link, Fields(app, "files/x").File("Bericht ä.txt", raw)));
        using var dotnet = new MultipartFormDataContent
        {
            { new StringContent(app.ParentPath), "parent_dir" },
            { new StringContent("files/x"), "relative_path" },
            { new ByteArrayContent(star), "file", "Übersicht 年.txt" },
        };
        var (status, _, text) = await Factory.PostUploadAsync(link, dotnet);

        Assert.Equal("Bericht ä.txt", rawEntry.Str("name"));
        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal("Übersicht 年.txt", Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(text)))!.Str("name"));
        Assert.Equal(raw, await File.ReadAllBytesAsync(app.FilePath("files", "x", "Bericht ä.txt")));
        Assert.Equal(star, await File.ReadAllBytesAsync(app.FilePath("files", "x", "Übersicht 年.txt")));
    }

    [SkippableFact]
    public async Task An_empty_file_is_stored()
    {
        var app = await NewAppAsync();

        var entry = await app.UploadAsync("files/empty", "empty.txt", []);

        Assert.Equal(Sha1([]), entry.Str("id"));
        Assert.Equal(0, entry.Long("size"));
        Assert.Empty(await File.ReadAllBytesAsync(app.FilePath("files", "empty", "empty.txt")));
    }

    [SkippableFact]
    public async Task A_path_in_the_filename_never_leaves_the_target_folder()
    {
        var app = await NewAppAsync();
        var before = BlobSnapshot(Factory.DataDir);

        var (status, _, text) = await Factory.PostUploadAsync(await app.UploadLinkUrlAsync(),
            Fields(app, "files/p").File("../../evil.txt", RandomBytes(12)).Build());

        // Browsers send only the base name; the server may keep that or refuse the name, but never climb out.
        var added = BlobSnapshot(Factory.DataDir).Keys.Except(before.Keys).ToList();
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal("evil.txt", Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(text)))!.Str("name"));
            Assert.Equal([$"assets/{app.Uuid}/files/p/evil.txt"], added);
        }
        else
        {
            Assert.Equal((HttpStatusCode)440, status);
            Assert.Empty(added);
        }

        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableTheory]
    [InlineData("forged")]
    [InlineData("altered")]
    [InlineData("truncated")]
    [InlineData("empty-ish")]
    public async Task A_forged_or_altered_link_is_403(string kind)
    {
        var app = await NewAppAsync();
        var link = await app.UploadLinkUrlAsync();
        var token = UploadToken(link);
        var middle = token.Length / 2;
        var bad = kind switch
        {
            "forged" => Convert.ToHexStringLower(RandomBytes(20)),
            "altered" => token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..],
            "truncated" => token[..^4],
            _ => "x",
        };

        await AssertRefusedAsync(link.Replace(token, bad, StringComparison.Ordinal),
            Fields(app, "files/forged").File("f.txt", RandomBytes(10)).Build(), HttpStatusCode.Forbidden, AccessDenied);
        Assert.False(Directory.Exists(app.FilePath("files", "forged")));
    }

    [SkippableFact]
    public async Task A_download_token_cannot_upload()
    {
        var app = await NewAppAsync();
        await app.UploadAsync("files/d", "d.txt", RandomBytes(10));
        var download = (await app.DownloadLinkAsync("/files/d/d.txt")).Str("download_link");
        var uploadLink = await app.UploadLinkUrlAsync();

        await AssertRefusedAsync(uploadLink.Replace(UploadToken(uploadLink), DownloadToken(download), StringComparison.Ordinal),
            Fields(app, "files/d").File("d.txt", RandomBytes(10)).Build(), HttpStatusCode.Forbidden, AccessDenied);
    }

    [SkippableFact]
    public async Task Another_bases_parent_dir_is_403()
    {
        var app = await NewAppAsync();
        var other = await NewAppAsync();
        await other.UploadAsync("files/o", "keep.txt", RandomBytes(10));

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), new MultipartBody()
            .Field("parent_dir", other.ParentPath).Field("relative_path", "files/o").File("keep.txt", RandomBytes(20)).Build(),
            HttpStatusCode.Forbidden, WrongParent);
        Assert.False(Directory.Exists(app.AssetFolder));
    }

    [SkippableTheory]
    [InlineData("/asset/{uuid}/../x")]
    [InlineData("/asset/{uuid}/../{other}")]
    [InlineData("/asset/{uuid}/./images")]
    [InlineData("/asset")]
    [InlineData("/")]
    [InlineData("/asset/{other}")]
    [InlineData("/asset/{uuid}x")]
    public async Task A_parent_dir_outside_the_links_asset_folder_is_403(string parentDir)
    {
        var app = await NewAppAsync();
        var other = await NewAppAsync();
        var parent = parentDir.Replace("{uuid}", app.Uuid, StringComparison.Ordinal).Replace("{other}", other.Uuid, StringComparison.Ordinal);

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(),
            new MultipartBody().Field("parent_dir", parent).File("p.txt", RandomBytes(10)).Build(), HttpStatusCode.Forbidden, WrongParent);
    }

    [SkippableTheory]
    [InlineData("../x")]
    [InlineData("a/../../b")]
    [InlineData("..")]
    [InlineData("files/./x")]
    [InlineData("files//x")]
    [InlineData("files\\..\\..\\x")]
    public async Task An_escaping_relative_path_is_400(string relativePath)
    {
        var app = await NewAppAsync();

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), Fields(app, relativePath).File("r.txt", RandomBytes(10)).Build(),
            HttpStatusCode.BadRequest, BadRelativePath);
    }

    [SkippableTheory]
    [InlineData("form-data; name=\"file\"; filename=\"..\"")]
    [InlineData("form-data; name=\"file\"; filename=\".\"")]
    [InlineData("form-data; name=\"file\"; filename=\"tab\there.txt\"")]
    [InlineData("form-data; name=\"file\"; filename*=UTF-8''bell%07.txt")]
    [InlineData("form-data; name=\"file\"; filename*=UTF-8''nul%00.txt")]
    [InlineData("form-data; name=\"file\"; filename*=UTF-8''new%0Aline.txt")]
    public async Task An_invalid_filename_is_440(string disposition)
    {
        var app = await NewAppAsync();

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(),
            Fields(app, "files/bad").Part(disposition, "application/octet-stream", RandomBytes(10)).Build(),
            (HttpStatusCode)440, InvalidFileName);
        Assert.False(Directory.Exists(app.AssetFolder));
    }

    [SkippableFact]
    public async Task An_invalid_filename_after_a_good_file_stores_neither()
    {
        var app = await NewAppAsync();

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), Fields(app, "files/mixed")
                .File("good.txt", RandomBytes(100))
                .Part("form-data; name=\"file\"; filename=\"..\"", null, RandomBytes(10)).Build(),
            (HttpStatusCode)440, InvalidFileName);
        Assert.False(Directory.Exists(app.AssetFolder));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_name_over_255_bytes_is_440_and_stores_nothing(bool afterAGoodFile)
    {
        var app = await NewAppAsync();
        // 200 characters but 400 bytes in UTF-8: Seafile refuses names of 256 bytes or more (should_ignore_file,
        // SEAF_DIR_NAME_LEN) with 440 before it adds any file of the request, and a Linux file name holds 255 bytes.
        var longName = new string('ä', 200) + ".txt";
        var body = Fields(app, "files/long");
        if (afterAGoodFile)
        {
            body.File("good.txt", RandomBytes(100));
        }

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), body.File(longName, RandomBytes(10)).Build(),
            (HttpStatusCode)440, InvalidFileName);
        Assert.False(Directory.Exists(app.AssetFolder));
    }

    [SkippableFact]
    public async Task A_name_of_256_ascii_characters_is_440()
    {
        var app = await NewAppAsync();

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), Fields(app, "files/long").File(new string('n', 252) + ".txt", RandomBytes(10)).Build(),
            (HttpStatusCode)440, InvalidFileName);
    }

    [SkippableTheory]
    [InlineData("note.txt ")]
    [InlineData(" lead.txt")]
    public async Task A_stored_file_can_be_downloaded_by_the_name_the_upload_answered(string fileName)
    {
        var app = await NewAppAsync();
        var content = RandomBytes(10);

        var (status, _, text) = await Factory.PostUploadAsync(await app.UploadLinkUrlAsync(), Fields(app, "files/sp").File(fileName, content).Build());

        // The server may refuse such a name (440), but what it stores and names must be reachable by that name.
        if (status != HttpStatusCode.OK)
        {
            Assert.Equal((HttpStatusCode)440, status);
            Assert.False(Directory.Exists(app.AssetFolder));
            return;
        }

        var stored = Assert.Single(Assert.IsType<JsonArray>(JsonNode.Parse(text)))!.Str("name");
        var link = (await app.DownloadLinkAsync($"/files/sp/{stored}")).Str("download_link");
        using var client = Factory.CreateClient();
        Assert.Equal(content, await client.GetByteArrayAsync(Local(link)));
    }

    [SkippableFact]
    public async Task A_body_cut_off_in_the_middle_of_a_file_is_400_and_stores_nothing()
    {
        var app = await NewAppAsync();
        var body = Fields(app, "files/cut").File("first.txt", RandomBytes(100)).File("cut.txt", RandomBytes(5000));
        var full = await body.Build().ReadAsByteArrayAsync();
        var cut = new ByteArrayContent(full[..^2000]);
        cut.Headers.ContentType = body.Build().Headers.ContentType;

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), cut, HttpStatusCode.BadRequest, Malformed);
        Assert.False(Directory.Exists(app.AssetFolder));
    }

    [SkippableFact]
    public async Task An_oversized_form_field_is_400_and_stores_nothing()
    {
        var app = await NewAppAsync();

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(),
            new MultipartBody().File("f.txt", RandomBytes(100)).Field("parent_dir", app.ParentPath).Field("relative_path", new string('a', 10_000)).Build(),
            HttpStatusCode.BadRequest, Malformed);
    }

    [SkippableFact]
    public async Task Concurrent_uploads_of_one_name_get_distinct_names_and_keep_every_file()
    {
        var app = await NewAppAsync();
        var link = await app.UploadLinkUrlAsync();
        var contents = Enumerable.Range(0, 32).Select(_ => RandomBytes(2000)).ToArray();

        var answers = await Task.WhenAll(contents.Select(c =>
            Factory.UploadJsonAsync(link, Fields(app, "files/race").File("race.txt", c))));

        var names = answers.Select(a => Assert.Single(a).Str("name")).ToList();
        var onDisk = Directory.GetFiles(app.FilePath("files", "race")).Length;
        var duplicates = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(onDisk == contents.Length && duplicates.Count == 0,
            $"{contents.Length} uploads answered 200, {onDisk} files on disk; names answered twice or more: {string.Join(", ", duplicates)}");
        Assert.Equal(new[] { "race.txt" }.Concat(Enumerable.Range(1, contents.Length - 1).Select(n => $"race ({n}).txt")).Order(StringComparer.Ordinal),
            names.Order(StringComparer.Ordinal));
        for (var i = 0; i < contents.Length; i++)
        {
            Assert.Equal(Sha1(contents[i]), Assert.Single(answers[i]).Str("id"));
            Assert.Equal(contents[i], await File.ReadAllBytesAsync(app.FilePath("files", "race", names[i])));
        }

        AssertNoLeftovers(Factory.DataDir);
    }

    [SkippableFact]
    public async Task A_form_without_a_file_part_is_400()
    {
        var app = await NewAppAsync();

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), Fields(app, "files/none").Build(), HttpStatusCode.BadRequest, NoFile);
    }

    [SkippableFact]
    public async Task A_file_part_with_an_empty_filename_is_not_a_file()
    {
        var app = await NewAppAsync();

        // Browsers send filename="" for an empty file input: there is no file.
        await AssertRefusedAsync(await app.UploadLinkUrlAsync(),
            Fields(app, "files/none").Part("form-data; name=\"file\"; filename=\"\"", "application/octet-stream", []).Build(),
            HttpStatusCode.BadRequest, NoFile);
    }

    [SkippableTheory]
    [InlineData("form")]
    [InlineData("json")]
    [InlineData("octet-stream")]
    [InlineData("none")]
    [InlineData("multipart-without-boundary")]
    public async Task A_body_that_is_not_multipart_is_400(string kind)
    {
        var app = await NewAppAsync();
        HttpContent content = kind switch
        {
            "form" => new FormUrlEncodedContent([KeyValuePair.Create("parent_dir", app.ParentPath), KeyValuePair.Create("file", "abc")]),
            "json" => new StringContent($$"""{"parent_dir":"{{app.ParentPath}}"}""", Encoding.UTF8, "application/json"),
            "octet-stream" => new ByteArrayContent(RandomBytes(100)) { Headers = { ContentType = new("application/octet-stream") } },
            "none" => new ByteArrayContent([]),
            _ => new ByteArrayContent(RandomBytes(100)) { Headers = { ContentType = new("multipart/form-data") } },
        };

        await AssertRefusedAsync(await app.UploadLinkUrlAsync(), content, HttpStatusCode.BadRequest, NotMultipart);
    }

    [SkippableFact]
    public async Task A_link_of_a_trashed_base_is_404_and_works_again_after_restore()
    {
        var app = await NewAppAsync();
        var link = await app.UploadLinkUrlAsync();
        await app.TrashAsync();

        await AssertRefusedAsync(link, Fields(app, "files/t").File("t.txt", RandomBytes(10)).Build(), HttpStatusCode.NotFound, BaseGone);

        using var client = app.Owner.Client();
        var trashed = Assert.Single(await client.TrashListAsync(), t => t.Str("uuid") == app.Uuid);
        AssertSuccess(await client.CallAsync(HttpMethod.Put, RestoreUrl(trashed.Long("id")), null, HttpStatusCode.OK));
        var entry = Assert.Single(await Factory.UploadJsonAsync(link, Fields(app, "files/t").File("t.txt", RandomBytes(10))));
        Assert.Equal("t.txt", entry.Str("name"));
    }

    [SkippableFact]
    public async Task Over_the_size_limit_is_442_and_nothing_is_stored()
    {
        await using var own = await OwnServer.StartAsync(Server.Storage, new Dictionary<string, string?>
        {
            ["SeaTable:Assets:MaxUploadBytes"] = "1000",
        });
        var app = await AppBase.CreateAsync(await own.NewUserAsync());
        var link = await app.UploadLinkUrlAsync();
        var dataDir = own.Factory.DataDir;

        async Task RefusedAsync(MultipartBody body)
        {
            var before = BlobSnapshot(dataDir);
            var (status, contentType, text) = await own.Factory.PostUploadAsync(link, body.Build());
            Assert.True(status == (HttpStatusCode)442, $"Upload: expected 442, got {(int)status}: {text}");
            Assert.Equal(TooLarge, text);
            Assert.Equal("text/plain", contentType);
            Assert.Equal(before, BlobSnapshot(dataDir));
            AssertNoLeftovers(dataDir);
        }

        await RefusedAsync(Fields(app, "files/big").File("big.bin", RandomBytes(5000)));
        // The limit is per request: two files of 600 bytes are over it, and the first is not kept either.
        await RefusedAsync(Fields(app, "files/big").File("first.bin", RandomBytes(600)).File("second.bin", RandomBytes(600)));
        await RefusedAsync(new MultipartBody().File("late.bin", RandomBytes(1001)).Field("parent_dir", app.ParentPath));
        Assert.False(Directory.Exists(app.AssetFolder));

        // Exactly the limit is accepted.
        var exact = RandomBytes(1000);
        var entry = Assert.Single(await own.Factory.UploadJsonAsync(link, Fields(app, "files/big").File("exact.bin", exact)));
        Assert.Equal(1000, entry.Long("size"));
        Assert.Equal(exact, await File.ReadAllBytesAsync(app.FilePath("files", "big", "exact.bin")));
        Assert.Equal([$"assets/{app.Uuid}/files/big/exact.bin"], BlobSnapshot(dataDir).Keys);
        AssertNoLeftovers(dataDir);
    }

    [SkippableFact]
    public async Task An_expired_link_is_403()
    {
        await using var own = await OwnServer.StartAsync(Server.Storage, new Dictionary<string, string?>
        {
            ["SeaTable:Assets:LinkLifetime"] = "00:00:01",
        });
        var app = await AppBase.CreateAsync(await own.NewUserAsync());
        var uploadLink = await app.UploadLinkUrlAsync();
        // A file put straight into the store, so the download link can be asked for without an upload racing the lifetime.
        Directory.CreateDirectory(app.FilePath("files", "old"));
        await File.WriteAllBytesAsync(app.FilePath("files", "old", "old.txt"), RandomBytes(10));
        var downloadLink = (await app.DownloadLinkAsync("/files/old/old.txt")).Str("download_link");
        var before = BlobSnapshot(own.Factory.DataDir);

        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var (uploadStatus, _, uploadText) = await own.Factory.PostUploadAsync(uploadLink, Fields(app, "files/old").File("new.txt", RandomBytes(10)).Build());
        using var client = own.Factory.CreateClient();
        using var download = await client.GetAsync(Local(downloadLink));
        Assert.Equal(HttpStatusCode.Forbidden, uploadStatus);
        Assert.Equal(AccessDenied, uploadText);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal(AccessDenied, await download.Content.ReadAsStringAsync());
        Assert.Equal(before, BlobSnapshot(own.Factory.DataDir));
        AssertNoLeftovers(own.Factory.DataDir);
    }
}
