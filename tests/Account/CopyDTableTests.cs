using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Assets;
using SeaTable.Tests.ImportExport;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Account;

[Collection(SharedServerCollection.Name)]
public sealed class CopyDTableTests_Sqlite(SharedServer server, ClassUsers users) : CopyDTableTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CopyDTableTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : CopyDTableTests(server, users);

/// <summary>POST /api/v2.1/dtable-copy/ (the Python client's Account.copy_base): content, assets and comments, permissions, a taken name.</summary>
public abstract class CopyDTableTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string CopyUrl = "/api/v2.1/dtable-copy/";

    private Task<ApiUser> Owner => users.GetAsync(Server, "owner");

    /// <summary>A base with a row "copied", a file asset and a comment on that row.</summary>
    private async Task<(AppBase Base, string RowId, byte[] File)> SourceAsync()
    {
        var source = await AppBase.CreateAsync(await Owner);
        var jwt = await Server.Factory.ExchangeJwtAsync(source.ApiToken);
        using var rows = Server.Factory.BaseClient(jwt);
        var row = await rows.SendJsonAsync(HttpMethod.Post, $"/dtable-server/api/v1/dtables/{source.Uuid}/rows/",
            new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "copied" } });
        var file = AssetCalls.RandomBytes(2048);
        await source.UploadAsync("files/2026-01", "doc.bin", file);
        await rows.SendJsonAsync(HttpMethod.Post, $"/dtable-server/api/v1/dtables/{source.Uuid}/comments/",
            new JsonObject { ["row_id"] = row.Str("_id"), ["comment"] = "comes along" });
        return (source, row.Str("_id"), file);
    }

    [SkippableFact]
    public async Task A_copy_has_the_content_assets_and_comments_under_a_new_uuid()
    {
        var (source, rowId, file) = await SourceAsync();
        using var owner = source.Owner.Client();
        var copyName = source.Name + "-copy";
        var copy = (await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Form(
            ("src_workspace_id", source.Owner.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("src_dtable", source.Name),
            ("dst_workspace_id", source.Owner.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("dst_dtable", copyName)), HttpStatusCode.OK))["dtable"]!;
        Assert.Equal(copyName, copy.Str("name"));
        Assert.Equal(source.Owner.WorkspaceId, copy.Long("workspace_id"));
        Assert.NotEqual(source.Uuid, copy.Str("uuid"));
        Assert.Matches(DashedUuid(), copy.Str("uuid"));
        Assert.Contains(await owner.OwnBasesAsync(), b => b.Str("name") == copyName);

        var content = await Server.Factory.ContentAsync(copy.Str("uuid"));
        var rows = content["tables"]![0]!["rows"]!.AsArray();
        Assert.Contains(rows, r => r!["_id"]!.GetValue<string>() == rowId && r["0000"]?.GetValue<string>() == "copied");
        Assert.Equal(file, await File.ReadAllBytesAsync(Path.Combine(IoCalls.AssetFolder(Server.Factory, copy.Str("uuid")), "files", "2026-01", "doc.bin")));
        var comments = await owner.GetJsonAsync($"/api/v2.1/dtables/{copy.Str("uuid")}/comments/?row_id={rowId}");
        Assert.Equal("comes along", Assert.Single(comments.Objects("comment_list")).Str("comment"));
        // The source is untouched.
        Assert.Equal(1, (await owner.GetJsonAsync($"/api/v2.1/dtables/{source.Uuid}/comments-count/?row_id={rowId}")).Long("count"));
    }

    [SkippableFact]
    public async Task A_read_only_share_holder_copies_into_their_own_workspace_as_the_python_client_does()
    {
        var (source, rowId, _) = await SourceAsync();
        var reader = await ClassUsers.CreateAsync(Server, "reader");
        using var owner = source.Owner.Client();
        await owner.ShareAsync(source.Owner.WorkspaceId, source.Name, reader.Id, "r");

        using var readerClient = reader.Client();
        var copy = (await readerClient.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Form(
            ("src_workspace_id", source.Owner.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("name", source.Name),
            ("dst_workspace_id", reader.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture))), HttpStatusCode.OK))["dtable"]!;
        Assert.Equal(source.Name, copy.Str("name"));
        Assert.Equal(reader.WorkspaceId, copy.Long("workspace_id"));
        Assert.Contains(await readerClient.OwnBasesAsync(), b => b.Str("uuid") == copy.Str("uuid"));
        Assert.Contains((await Server.Factory.ContentAsync(copy.Str("uuid")))["tables"]![0]!["rows"]!.AsArray(), r => r!["_id"]!.GetValue<string>() == rowId);

        // The same copy again: the name is taken now, so the copies are "<name>(copy)", "<name>(copy 2)".
        async Task<string> CopyAgainAsync() => (await readerClient.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Form(
            ("src_workspace_id", source.Owner.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("name", source.Name),
            ("dst_workspace_id", reader.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture))), HttpStatusCode.OK))["dtable"]!.Str("name");
        Assert.Equal($"{source.Name}(copy)", await CopyAgainAsync());
        Assert.Equal($"{source.Name}(copy 2)", await CopyAgainAsync());

        // A name of the caller's choosing that is taken is refused; nothing more is made.
        var basesBefore = (await readerClient.OwnBasesAsync()).Count;
        AssertError(await readerClient.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Form(
            ("src_workspace_id", source.Owner.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("name", source.Name),
            ("dst_workspace_id", reader.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("dst_dtable", $"{source.Name}(copy)")), HttpStatusCode.BadRequest),
            $"Table {source.Name}(copy) already exists.");
        Assert.Equal(basesBefore, (await readerClient.OwnBasesAsync()).Count);
    }

    [SkippableFact]
    public async Task Copies_need_read_access_to_the_source_and_the_destination_workspace_and_a_free_name()
    {
        var (source, _, _) = await SourceAsync();
        var stranger = await ClassUsers.CreateAsync(Server, "stranger");
        using var owner = source.Owner.Client();
        string Ws(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Onto its own name in its own workspace, named so by the caller.
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)), ("src_dtable", source.Name),
            ("dst_workspace_id", Ws(source.Owner.WorkspaceId)), ("dst_dtable", source.Name)), HttpStatusCode.BadRequest), $"Table {source.Name} already exists.");
        // Into someone else's workspace.
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)), ("src_dtable", source.Name),
            ("dst_workspace_id", Ws(stranger.WorkspaceId)), ("dst_dtable", "elsewhere")), HttpStatusCode.Forbidden), PermissionDenied);
        // From a base the caller cannot read.
        using var strangerClient = stranger.Client();
        AssertError(await strangerClient.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)), ("src_dtable", source.Name),
            ("dst_workspace_id", Ws(stranger.WorkspaceId))), HttpStatusCode.Forbidden), PermissionDenied);
        Assert.DoesNotContain(await strangerClient.OwnBasesAsync(), b => b.Str("name") == source.Name);
        // Bad input.
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)), ("src_dtable", "no such base"),
            ("dst_workspace_id", Ws(source.Owner.WorkspaceId))), HttpStatusCode.NotFound), "dtable no such base not found.");
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_dtable", source.Name), ("dst_workspace_id", Ws(source.Owner.WorkspaceId))),
            HttpStatusCode.BadRequest), "src_workspace_id invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)),
            ("dst_workspace_id", Ws(source.Owner.WorkspaceId))), HttpStatusCode.BadRequest), "src_dtable invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)), ("src_dtable", source.Name),
            ("dst_workspace_id", Ws(source.Owner.WorkspaceId)), ("dst_dtable", "bad/name")), HttpStatusCode.BadRequest), "dst_dtable invalid.");
        AssertError(await owner.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", Ws(source.Owner.WorkspaceId)), ("src_dtable", source.Name),
            ("dst_workspace_id", "987654321"), ("dst_dtable", "x")), HttpStatusCode.NotFound), "Workspace 987654321 not found.");
        using var anonymous = Server.Factory.CreateClient();
        AssertDetail(await anonymous.CallAsync(HttpMethod.Post, CopyUrl, Bodies.Json(("src_workspace_id", "1")), HttpStatusCode.Forbidden), NotAuthenticated);
    }

    [SkippableFact]
    public async Task An_export_holds_the_comments_and_an_import_restores_them()
    {
        var (source, rowId, _) = await SourceAsync();
        using var owner = source.Owner.Client();
        var archive = await owner.ExportBytesAsync(source.Owner.WorkspaceId, source.Name, source.Uuid);
        var entries = IoCalls.Entries(archive);
        var comments = JsonNode.Parse(entries["comments.json"])!.AsArray();
        Assert.Equal("comes along", Assert.Single(comments)!["comment"]!.GetValue<string>());
        Assert.Contains("comments.json", JsonNode.Parse(entries["manifest.json"])!["files"]!.AsObject().Select(p => p.Key));

        // Imported under another name: the comment is back, on the same row id.
        var imported = await owner.ImportAsync(source.Owner.WorkspaceId, source.Name + "-again.dtable", archive);
        await owner.WaitFinishedAsync(imported.Str("task_id"));
        var uuid = imported["table"]!.Str("uuid");
        var list = await owner.GetJsonAsync($"/api/v2.1/dtables/{uuid}/comments/?row_id={rowId}");
        Assert.Equal("comes along", Assert.Single(list.Objects("comment_list")).Str("comment"));

        // An archive without comments.json (SeaTable's own, or an older export) still imports, with none.
        var withoutComments = IoCalls.Entries(archive).Where(e => e.Key is not ("comments.json" or "manifest.json")).ToDictionary();
        using var zipped = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in withoutComments)
            {
                await using var stream = await zip.CreateEntry(name).OpenAsync();
                await stream.WriteAsync(bytes);
            }
        }

        var plain = await owner.ImportAsync(source.Owner.WorkspaceId, source.Name + "-plain.dtable", zipped.ToArray());
        await owner.WaitFinishedAsync(plain.Str("task_id"));
        Assert.Equal(0, (await owner.GetJsonAsync($"/api/v2.1/dtables/{plain["table"]!.Str("uuid")}/comments-count/?row_id={rowId}")).Long("count"));
    }
}
