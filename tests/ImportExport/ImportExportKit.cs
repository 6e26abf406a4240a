using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Grains.Content;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.ImportExport;

/// <summary>The import/export calls (E14-E19) and what the tests check around them.</summary>
public static class IoCalls
{
    public const string StatusPath = "/api/v2.1/dtable-io-status/";
    public const string ContentPath = "/api/v2.1/dtable-export-content/";
    public const string TaskNotFound = "task_id not found.";
    public const string TaskIdInvalid = "task_id invalid.";

    public static string ImportUrl(long workspaceId) => $"/api/v2.1/workspace/{workspaceId.ToString(CultureInfo.InvariantCulture)}/import-dtable/";

    public static string ExportUrl(long workspaceId, string name) =>
        $"/api/v2.1/workspace/{workspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(name)}/export-dtable/";

    public static string StatusUrl(string taskId) => $"{StatusPath}?task_id={taskId}";

    public static string ContentUrl(string taskId, string uuid) => $"{ContentPath}?task_id={taskId}&dtable_uuid={uuid}";

    public static string CancelUrl(string taskId, string uuid, string type) => $"{StatusPath}?task_id={taskId}&dtable_uuid={uuid}&task_type={type}";

    /// <summary>The multipart body SeaTable's web client sends: the file in the field "dtable".</summary>
    public static HttpContent FileBody(string fileName, byte[] bytes, string field = "dtable")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, field, fileName);
        return content;
    }

    /// <summary>POST import-dtable with that file; status and JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> ImportRawAsync(this HttpClient client, long workspaceId, string fileName, byte[] bytes)
    {
        using var response = await client.PostAsync(ImportUrl(workspaceId), FileBody(fileName, bytes));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"JSON null: {text}"));
    }

    /// <summary>An import that must be accepted: {"task_id", "table"}.</summary>
    public static async Task<JsonNode> ImportAsync(this HttpClient client, long workspaceId, string fileName, byte[] bytes)
    {
        var (status, body) = await client.ImportRawAsync(workspaceId, fileName, bytes);
        Assert.True(status == HttpStatusCode.OK, $"import {fileName}: expected 200, got {(int)status}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>Polls io-status until the task shows its end; that (only) answer's status and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> WaitEndAsync(this HttpClient client, string taskId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            using var response = await client.GetAsync(StatusUrl(taskId));
            var text = await response.Content.ReadAsStringAsync();
            var body = JsonNode.Parse(text)!;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
            {
                throw new Xunit.Sdk.XunitException($"io-status {taskId}: {(int)response.StatusCode} {text}");
            }

            if (body["is_finished"]?.GetValue<bool>() == true)
            {
                return (response.StatusCode, body);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"io-status {taskId}: not finished in time: {text}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for a task that must succeed.</summary>
    public static async Task<JsonNode> WaitFinishedAsync(this HttpClient client, string taskId)
    {
        var (status, body) = await client.WaitEndAsync(taskId);
        Assert.True(status == HttpStatusCode.OK && body.Str("phase") == "finished", $"task {taskId} did not finish: {body.ToJsonString()}");
        return body;
    }

    /// <summary>Waits for a task that must fail; its error_msg.</summary>
    public static async Task<string> WaitFailedAsync(this HttpClient client, string taskId)
    {
        var (status, body) = await client.WaitEndAsync(taskId);
        Assert.True(status == HttpStatusCode.BadRequest && body.Str("phase") == "failed", $"task {taskId} did not fail: {body.ToJsonString()}");
        return body.Str("error_msg");
    }

    /// <summary>Starts an export (GET, as V2020 clients do) that must be accepted: the task id.</summary>
    public static async Task<string> StartExportAsync(this HttpClient client, long workspaceId, string name, string query = "")
    {
        var body = await client.CallAsync(HttpMethod.Get, ExportUrl(workspaceId, name) + query, null, HttpStatusCode.OK);
        return body.Str("task_id");
    }

    /// <summary>Exports the base, waits, downloads: the archive's bytes.</summary>
    public static async Task<byte[]> ExportBytesAsync(this HttpClient client, long workspaceId, string name, string uuid, string query = "")
    {
        var taskId = await client.StartExportAsync(workspaceId, name, query);
        await client.WaitFinishedAsync(taskId);
        using var response = await client.GetAsync(ContentUrl(taskId, uuid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The base's content.json as the server holds it (read from its content grain).</summary>
    public static async Task<JsonObject> ContentAsync(this SeaTableAppFactory factory, string uuid)
    {
        var json = await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IBaseContentGrain>(Guid.Parse(uuid)).GetContentJson();
        return JsonNode.Parse(json ?? throw new Xunit.Sdk.XunitException($"base {uuid} has no content"))!.AsObject();
    }

    /// <summary>The entries of an archive: name → bytes.</summary>
    public static Dictionary<string, byte[]> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries[entry.FullName] = copy.ToArray();
        }

        return entries;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Nothing of a task is left in the blob store: no task folder, no staging file.</summary>
    public static void AssertNoTaskFiles(SeaTableAppFactory factory, string taskId)
    {
        var folder = Path.Combine(factory.DataDir, "blobs", "io", Guid.Parse(taskId).ToString("N"));
        Assert.False(Directory.Exists(folder), $"the task folder {folder} is still there");
    }

    public static string AssetFolder(SeaTableAppFactory factory, string uuid) => Path.Combine(factory.DataDir, "blobs", "assets", uuid);

    /// <summary>The caller's live base names (personal workspace).</summary>
    public static async Task<List<string>> BaseNamesAsync(this HttpClient client) =>
        [.. (await client.OwnBasesAsync()).Select(t => t.Str("name"))];

    /// <summary>Every table's rows, with cells keyed by column name instead of key (ids and times left out).</summary>
    public static List<Dictionary<string, string>> RowsByName(JsonObject content, int table = 0)
    {
        var t = content["tables"]![table]!;
        var names = t["columns"]!.AsArray().ToDictionary(c => c!["key"]!.GetValue<string>(), c => c!["name"]!.GetValue<string>());
        return [.. t["rows"]!.AsArray().Select(r => r!.AsObject()
            .Where(p => names.ContainsKey(p.Key))
            .ToDictionary(p => names[p.Key], p => p.Value!.ToJsonString()))];
    }
}

/// <summary>
/// A .dtable archive written entry by entry, so a test can build the real layout (reference 7.5) as well as
/// every hostile variant: odd names, symbolic links, bombs, a manifest that lies.
/// </summary>
public sealed class ArchiveBuilder
{
    private readonly List<(string Name, byte[] Bytes, int? UnixMode, CompressionLevel Level)> _entries = [];

    public ArchiveBuilder Add(string name, byte[] bytes, int? unixMode = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        _entries.Add((name, bytes, unixMode, level));
        return this;
    }

    public ArchiveBuilder Add(string name, string text) => Add(name, Encoding.UTF8.GetBytes(text));

    public ArchiveBuilder Folder(string name)
    {
        _entries.Add((name.TrimEnd('/') + "/", [], null, CompressionLevel.NoCompression));
        return this;
    }

    /// <summary>Adds manifest.json listing every file added so far with its real size and SHA-256.</summary>
    public ArchiveBuilder WithManifest(Func<string, string>? alterHash = null)
    {
        var files = new JsonObject();
        foreach (var (name, bytes, _, _) in _entries.Where(e => !e.Name.EndsWith('/')))
        {
            var hash = IoCalls.Sha256(bytes);
            files[name] = new JsonObject { ["size"] = bytes.Length, ["sha256"] = alterHash?.Invoke(name) ?? hash };
        }

        return Add("manifest.json", new JsonObject { ["format"] = "seatable-orleans-dtable", ["format_version"] = 1, ["files"] = files }.ToJsonString());
    }

    public byte[] Build()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes, unixMode, level) in _entries)
            {
                var entry = zip.CreateEntry(name, level);
                if (unixMode is { } mode)
                {
                    entry.ExternalAttributes = mode << 16;
                }

                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return memory.ToArray();
    }
}

/// <summary>Content in the layout of SeaTable's real example archive (reference 7.5), with assets referenced by bundle URLs.</summary>
public static class SampleBase
{
    public const string PdfPath = "files/2025-10/sample-1.pdf";
    public const string ImagePath = "images/2025-10/sample-1.heic";
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4 sample pdf bytes " + new string('p', 500));
    public static readonly byte[] Image = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    public static JsonObject Content(int extraRows = 0)
    {
        var rows = new JsonArray
        {
            new JsonObject
            {
                ["_id"] = "BYfmpjEiSi6PHhWCDySArw", ["_participants"] = new JsonArray(), ["_creator"] = "a@auth.local",
                ["_ctime"] = "2025-09-23T13:24:35.237+00:00", ["_last_modifier"] = "a@auth.local", ["_mtime"] = "2025-09-23T14:41:12.286+00:00",
                ["0000"] = "Amazon Cloud Service", ["C4E1"] = "2025-09-10", ["rYTx"] = "140009",
                ["fIle"] = new JsonArray { new JsonObject { ["name"] = "sample-1.pdf", ["size"] = Pdf.Length, ["type"] = "file", ["url"] = "file://dtable-bundle/asset/" + PdfPath, ["upload_time"] = "2025-10-01T10:00:00.000+00:00" } },
                ["iMg0"] = new JsonArray { "file://dtable-bundle/asset/" + ImagePath },
                ["lOng"] = new JsonObject { ["text"] = "see ![](file://dtable-bundle/asset/" + ImagePath + ")", ["preview"] = "see", ["images"] = new JsonArray { "file://dtable-bundle/asset/" + ImagePath }, ["links"] = new JsonArray(), ["checklist"] = new JsonObject { ["completed"] = 0, ["total"] = 0 } },
            },
            new JsonObject
            {
                ["_id"] = "Qw1pjEiSi6PHhWCDySAr2w", ["_participants"] = new JsonArray(), ["_creator"] = "a@auth.local",
                ["_ctime"] = "2025-09-23T13:25:35.237+00:00", ["_last_modifier"] = "a@auth.local", ["_mtime"] = "2025-09-23T14:42:12.286+00:00",
                ["0000"] = "Büro & \"Café\" ✓", ["C4E1"] = "2025-09-11",
            },
        };
        for (var i = 0; i < extraRows; i++)
        {
            rows.Add(new JsonObject { ["_id"] = $"row{i:D19}", ["_creator"] = "a@auth.local", ["_ctime"] = "2025-09-23T13:24:35.237+00:00", ["0000"] = $"row {i}" });
        }

        return new JsonObject
        {
            ["version"] = 801,
            ["format_version"] = 9,
            ["statistics"] = new JsonArray(),
            ["links"] = new JsonArray(),
            ["description"] = new JsonObject { ["text"] = "# Example\n![logo](file://dtable-bundle/asset/" + ImagePath + ")" },
            ["plugin_settings"] = new JsonObject(),
            ["plugins"] = new JsonArray(),
            ["scripts"] = new JsonArray { new JsonObject { ["name"] = "1. Add rows", ["url"] = "/scripts/C60d.js", ["_id"] = "C60d", ["type"] = "JavaScript" } },
            ["collaborators"] = new JsonArray(),
            ["settings"] = new JsonObject { ["enable_archive"] = true },
            ["tables"] = new JsonArray
            {
                new JsonObject
                {
                    ["_id"] = "0000",
                    ["name"] = "Daily expenses",
                    ["columns"] = new JsonArray
                    {
                        new JsonObject { ["key"] = "0000", ["name"] = "Name", ["type"] = "text", ["width"] = 200, ["editable"] = true, ["resizable"] = true },
                        new JsonObject { ["key"] = "C4E1", ["type"] = "date", ["name"] = "Date", ["data"] = new JsonObject { ["format"] = "YYYY-MM-DD" } },
                        new JsonObject { ["key"] = "rYTx", ["type"] = "single-select", ["name"] = "Category", ["data"] = new JsonObject { ["options"] = new JsonArray { new JsonObject { ["name"] = "Cloud service", ["color"] = "#aaa", ["textColor"] = "#000000", ["id"] = "140009" } } } },
                        new JsonObject { ["key"] = "fIle", ["type"] = "file", ["name"] = "Invoice" },
                        new JsonObject { ["key"] = "iMg0", ["type"] = "image", ["name"] = "Photo" },
                        new JsonObject { ["key"] = "lOng", ["type"] = "long-text", ["name"] = "Notes" },
                    },
                    ["rows"] = rows,
                    ["views"] = new JsonArray { new JsonObject { ["_id"] = "0000", ["name"] = "Default View", ["type"] = "table", ["rows"] = new JsonArray(), ["filters"] = new JsonArray() } },
                    ["view_structure"] = new JsonObject { ["folders"] = new JsonArray(), ["view_ids"] = new JsonArray { "0000" } },
                    ["id_row_map"] = new JsonObject(),
                },
                new JsonObject
                {
                    ["_id"] = "a1B2",
                    ["name"] = "Second",
                    ["columns"] = new JsonArray { new JsonObject { ["key"] = "0000", ["name"] = "Name", ["type"] = "text" } },
                    ["rows"] = new JsonArray(),
                    ["views"] = new JsonArray(),
                },
            },
        };
    }

    /// <summary>The archive as SeaTable's exporter lays it out: folder entries, content.json, asset files.</summary>
    public static ArchiveBuilder Archive(JsonObject? content = null) => new ArchiveBuilder()
        .Folder("asset/")
        .Add("content.json", (content ?? Content()).ToJsonString())
        .Folder("asset/files/")
        .Folder("asset/images/")
        .Add("asset/" + PdfPath, Pdf)
        .Add("asset/" + ImagePath, Image);
}
