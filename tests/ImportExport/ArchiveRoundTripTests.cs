using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.ImportExport;

[Collection(SharedServerCollection.Name)]
public sealed class ArchiveRoundTripTests_Sqlite(SharedServer server, ClassUsers users) : ArchiveRoundTripTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ArchiveRoundTripTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ArchiveRoundTripTests(server, users);

/// <summary>
/// .dtable import and export (E14, E16-E18, reference 7.5): an archive in the real example's layout imports
/// with its asset URLs pointed at the new base, exports back to bundle URLs with a manifest, and that export
/// imports into another workspace with the same tables, rows and assets.
/// </summary>
public abstract class ArchiveRoundTripTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private SeaTableAppFactory Factory => Server.Factory;

    [SkippableFact]
    public async Task Archive_in_seatable_layout_imports_with_asset_urls_pointing_at_the_new_base()
    {
        var owner = await users.GetAsync(Server, "importer");
        using var client = owner.Client();
        var name = NewBaseName("imported");

        var answer = await client.ImportAsync(owner.WorkspaceId, name + ".dtable", SampleBase.Archive().Build());

        var taskId = answer.Str("task_id");
        Assert.True(Guid.TryParse(taskId, out _), taskId);
        var table = answer["table"]!;
        Assert.Equal(name, table.Str("name"));
        Assert.Equal(owner.WorkspaceId, table.Long("workspace_id"));
        Assert.Matches(DashedUuid(), table.Str("uuid"));
        Assert.Equal(owner.Name, table.Str("creator"));
        var status = await client.WaitFinishedAsync(taskId);
        Assert.Equal(100, status["progress"]!.GetValue<int>());
        Assert.Equal(2, status.Long("rows_done"));
        Assert.Equal("import", status.Str("task_type"));
        Assert.Contains(name, await client.BaseNamesAsync());

        var uuid = table.Str("uuid");
        var content = await Factory.ContentAsync(uuid);
        var prefix = $"http://localhost/workspace/{owner.WorkspaceId}/asset/{uuid}/";
        var row = content["tables"]![0]!["rows"]![0]!;
        Assert.Equal(prefix + SampleBase.PdfPath, row["fIle"]![0]!.Str("url"));
        Assert.Equal(prefix + SampleBase.ImagePath, row["iMg0"]![0]!.GetValue<string>());
        Assert.Equal($"see ![]({prefix}{SampleBase.ImagePath})", row["lOng"]!.Str("text"));
        Assert.Equal($"# Example\n![logo]({prefix}{SampleBase.ImagePath})", content["description"]!.Str("text"));
        Assert.Equal("Büro & \"Café\" ✓", content["tables"]![0]!["rows"]![1]!.Str("0000"));
        Assert.Equal(["Daily expenses", "Second"], content["tables"]!.AsArray().Select(t => t!.Str("name")));
        Assert.Equal(SampleBase.Pdf, await File.ReadAllBytesAsync(Path.Combine(AssetFolder(Factory, uuid), SampleBase.PdfPath)));
        Assert.Equal(SampleBase.Image, await File.ReadAllBytesAsync(Path.Combine(AssetFolder(Factory, uuid), SampleBase.ImagePath)));
        AssertNoTaskFiles(Factory, taskId);

        // The status was shown with its end once; then the task is gone (reference 11 #22).
        AssertError(await client.GetJsonAsync(StatusUrl(taskId), HttpStatusCode.NotFound), TaskNotFound);

        // The catalog knows the row count (admin listing of the user's bases).
        using var admin = await Server.CreateAdminClientAsync();
        var listed = (await admin.GetJsonAsync($"/api/v2.1/admin/users/{owner.Id}/dtables/?per_page=1000")).Objects("dtable_list");
        Assert.Equal(2, Assert.Single(listed, t => t.Str("uuid") == uuid)["rows_count"]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task Export_then_import_into_another_workspace_round_trips_tables_rows_and_assets()
    {
        var owner = await users.GetAsync(Server, "exporter");
        var other = await users.GetAsync(Server, "receiver");
        using var client = owner.Client();
        var name = NewBaseName("source");
        var source = (await client.ImportAsync(owner.WorkspaceId, name + ".dtable", SampleBase.Archive(SampleBase.Content(extraRows: 500)).Build()))["table"]!;
        await client.WaitEndAsync((await client.ImportAsync(owner.WorkspaceId, NewBaseName("x") + ".dtable", SampleBase.Archive().Build())).Str("task_id"));
        var uuid = source.Str("uuid");
        var before = await Factory.ContentAsync(uuid);

        var archive = await client.ExportBytesAsync(owner.WorkspaceId, name, uuid);

        var entries = Entries(archive);
        Assert.Equal(["asset/" + SampleBase.PdfPath, "asset/" + SampleBase.ImagePath, "content.json", "manifest.json"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SampleBase.Pdf, entries["asset/" + SampleBase.PdfPath]);
        var exported = JsonNode.Parse(entries["content.json"])!;
        var row = exported["tables"]![0]!["rows"]![0]!;
        Assert.Equal("file://dtable-bundle/asset/" + SampleBase.PdfPath, row["fIle"]![0]!.Str("url"));
        Assert.Equal("file://dtable-bundle/asset/" + SampleBase.ImagePath, row["iMg0"]![0]!.GetValue<string>());
        Assert.Equal("# Example\n![logo](file://dtable-bundle/asset/" + SampleBase.ImagePath + ")", exported["description"]!.Str("text"));
        Assert.False(exported["settings"]!["enable_archive"]!.GetValue<bool>());
        var manifest = JsonNode.Parse(entries["manifest.json"])!;
        Assert.Equal(1, manifest["format_version"]!.GetValue<int>());
        foreach (var (entry, bytes) in entries.Where(e => e.Key != "manifest.json"))
        {
            Assert.Equal(Sha256(bytes), manifest["files"]![entry]!.Str("sha256"));
            Assert.Equal(bytes.Length, manifest["files"]![entry]!["size"]!.GetValue<long>());
        }

        using var receiver = other.Client();
        var answer = await receiver.ImportAsync(other.WorkspaceId, name + ".dtable", archive);
        var imported = answer["table"]!;
        Assert.NotEqual(uuid, imported.Str("uuid"));
        var status = await receiver.WaitFinishedAsync(answer.Str("task_id"));
        Assert.Equal(502, status.Long("rows_done"));

        var after = await Factory.ContentAsync(imported.Str("uuid"));
        Assert.Equal(RowsByName(before).Select(r => Rewrite(r, uuid, owner.WorkspaceId, imported.Str("uuid"), other.WorkspaceId)).Select(Flatten),
            RowsByName(after).Select(Flatten));
        Assert.Equal(before["tables"]!.AsArray().Select(t => t!["columns"]!.ToJsonString()), after["tables"]!.AsArray().Select(t => t!["columns"]!.ToJsonString()));
        Assert.Equal(SampleBase.Image, await File.ReadAllBytesAsync(Path.Combine(AssetFolder(Factory, imported.Str("uuid")), SampleBase.ImagePath)));
    }

    [SkippableFact]
    public async Task Export_without_assets_leaves_them_out_and_download_has_seatables_headers()
    {
        var owner = await users.GetAsync(Server, "exporter");
        using var client = owner.Client();
        var name = NewBaseName("naïve base");
        var table = await client.CreateBaseAsync(name);

        var taskId = (await client.CallAsync(HttpMethod.Post, ExportUrl(owner.WorkspaceId, name), Bodies.Multipart(("ignore_asset", "true")), HttpStatusCode.OK)).Str("task_id");
        await client.WaitFinishedAsync(taskId);
        using var response = await client.GetAsync(ContentUrl(taskId, table.Str("uuid")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-zip-compressed", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment;filename*=UTF-8''{Uri.EscapeDataString(name + ".dtable")}", response.Content.Headers.NonValidated["Content-Disposition"].ToString());
        var entries = Entries(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["content.json", "manifest.json"], entries.Keys.Order(StringComparer.Ordinal));
        var content = JsonNode.Parse(entries["content.json"])!;
        Assert.Equal("Table1", content["tables"]![0]!.Str("name"));
        Assert.Equal(3, content["tables"]![0]!["rows"]!.AsArray().Count);

        // Unlike SeaTable's one-shot download, the file stays until the task expires; the other path serves it too.
        using var again = await client.GetAsync($"/dtable-export-content/?task_id={taskId}&dtable_uuid={table.Str("uuid")}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private static Dictionary<string, string> Rewrite(Dictionary<string, string> row, string fromUuid, long fromWorkspace, string toUuid, long toWorkspace) =>
        row.ToDictionary(p => p.Key, p => p.Value.Replace($"/workspace/{fromWorkspace}/asset/{fromUuid}/", $"/workspace/{toWorkspace}/asset/{toUuid}/", StringComparison.Ordinal));

    private static string Flatten(Dictionary<string, string> row) =>
        string.Join("|", row.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
