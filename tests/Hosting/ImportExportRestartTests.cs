using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.ImportExport;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.ImportExport.IoCalls;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// Tasks survive restarts (issue 6): an import cut off by kill -9 is resumed by the next start and completes;
/// one cut off once too often is marked failed with a clear error and removes what it made; a finished
/// export keeps its status and file across a restart until its expiry reminder deletes both.
/// </summary>
public sealed class ImportExportRestartTests
{
    private const string AdminEmail = "admin@restart.test";
    private const string AdminPassword = "Restart-Passw0rd";

    [Fact]
    public async Task An_import_killed_mid_work_is_resumed_after_the_restart()
    {
        var dataDir = TestFolders.NewTempFolder("io-kill");
        var settings = new Dictionary<string, string>
        {
            ["SeaTable__DataDir"] = dataDir,
            ["SeaTable__Admin__Email"] = AdminEmail,
            ["SeaTable__Admin__Password"] = AdminPassword,
        };
        try
        {
            string taskId, uuid;
            long workspaceId;
            await using (var first = SiloProcess.Start("io-kill-1", settings))
            {
                await first.WaitUntilReadyAsync();
                using var client = await LoginAsync(first.BaseAddress);
                workspaceId = await client.WorkspaceIdAsync();
                var answer = await client.ImportAsync(workspaceId, "resumed.dtable", CancelAndLimitTests.SlowArchive());
                taskId = answer.Str("task_id");
                uuid = answer["table"]!.Str("uuid");
                await WaitRunningAsync(client, taskId, Path.Combine(dataDir, "blobs", "assets", uuid));
                first.KillHard();
            }

            await using var second = SiloProcess.Start("io-kill-2", settings);
            await second.WaitUntilReadyAsync();
            using var after = await LoginAsync(second.BaseAddress);
            // Asking for the status activates the task, which finds itself interrupted and starts again.
            var status = await after.WaitFinishedAsync(taskId);
            Assert.Equal(20_002, status.Long("rows_done"));
            var table = Assert.Single(await after.OwnBasesAsync(), t => t.Str("name") == "resumed");
            Assert.Equal(uuid, table.Str("uuid"));
            var listed = (await after.GetJsonAsync("/api/v2.1/admin/dtables/?per_page=100")).Objects("dtables");
            Assert.Equal(20_002, Assert.Single(listed, t => t.Str("uuid") == uuid)["rows_count"]!.GetValue<long>());
            Assert.Equal(3000, Directory.EnumerateFiles(Path.Combine(dataDir, "blobs", "assets", uuid), "*", SearchOption.AllDirectories).Count());
            Assert.False(Directory.Exists(Path.Combine(dataDir, "blobs", "io", Guid.Parse(taskId).ToString("N"))));
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }

    [Fact]
    public async Task An_import_interrupted_too_often_is_marked_failed_and_leaves_nothing()
    {
        var dataDir = TestFolders.NewTempFolder("io-give-up");
        string taskId, uuid;
        await using (var first = new SeaTableAppFactory(dataDir) { KeepDataDir = true })
        {
            using var client = first.CreateClient(await first.LoginAdminAsync());
            var workspaceId = await client.WorkspaceIdAsync();
            var answer = await client.ImportAsync(workspaceId, "given-up.dtable", CancelAndLimitTests.SlowArchive());
            taskId = answer.Str("task_id");
            uuid = answer["table"]!.Str("uuid");
            await WaitRunningAsync(client, taskId, AssetFolder(first, uuid));
        }

        // One start allowed, and it was used: the next activation gives the task up instead of resuming it.
        await using var second = new SeaTableAppFactory(dataDir, new Dictionary<string, string?> { ["SeaTable:ImportExport:MaxAttempts"] = "1" });
        using var after = second.CreateClient(await second.LoginAdminAsync());
        var error = await after.WaitFailedAsync(taskId);
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
        Assert.DoesNotContain("given-up", await after.BaseNamesAsync());
        Assert.False(Directory.Exists(AssetFolder(second, uuid)));
        AssertNoTaskFiles(second, taskId);
        await after.CreateBaseAsync("given-up");
    }

    [Fact]
    public async Task A_finished_export_survives_a_restart_until_its_expiry_reminder_deletes_it()
    {
        var dataDir = TestFolders.NewTempFolder("io-expiry");
        string taskId, uuid;
        await using (var first = new SeaTableAppFactory(dataDir) { KeepDataDir = true })
        {
            using var client = first.CreateClient(await first.LoginAdminAsync());
            var workspaceId = await client.WorkspaceIdAsync();
            uuid = (await client.CreateBaseAsync("kept"))["uuid"]!.GetValue<string>();
            taskId = await client.StartExportAsync(workspaceId, "kept");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((await client.GetAsync(ContentUrl(taskId, uuid))).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(DateTime.UtcNow < deadline, "the export never finished");
                await Task.Delay(50);
            }
        }

        await using var second = new SeaTableAppFactory(dataDir, new Dictionary<string, string?> { ["SeaTable:ImportExport:ResultLifetime"] = "00:00:04" });
        using var after = second.CreateClient(await second.LoginAdminAsync());
        var status = await after.GetJsonAsync(StatusUrl(taskId));
        Assert.True(status["is_finished"]!.GetValue<bool>());
        Assert.Equal("finished", status.Str("phase"));
        using (var download = await after.GetAsync(ContentUrl(taskId, uuid)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Contains("content.json", Entries(await download.Content.ReadAsByteArrayAsync()).Keys);
        }

        // The reminder was due long ago by the new lifetime: it fires and deletes the file and the task.
        var expiry = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        HttpStatusCode code;
        do
        {
            await Task.Delay(250);
            using var response = await after.GetAsync(ContentUrl(taskId, uuid));
            code = response.StatusCode;
        }
        while (code == HttpStatusCode.OK && DateTime.UtcNow < expiry);

        Assert.Equal(HttpStatusCode.NotFound, code);
        AssertNoTaskFiles(second, taskId);
    }

    private static async Task<HttpClient> LoginAsync(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync("/api2/auth-token/", new { username = AdminEmail, password = AdminPassword });
        var token = (await login.ReadJsonAsync(HttpStatusCode.OK))["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return client;
    }

    /// <summary>Waits until the import works on its assets, without using up its status.</summary>
    private static async Task WaitRunningAsync(HttpClient client, string taskId, string assetFolder)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await client.GetJsonAsync(StatusUrl(taskId));
            Assert.False(status["is_finished"]!.GetValue<bool>(), $"the import ended before the restart: {status.ToJsonString()}");
            if (status.Str("phase") == "running" && Directory.Exists(assetFolder))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the import never started");
            await Task.Delay(10);
        }
    }
}
