using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// The trash-expiry reminder is stored in the SQLite reminder table through the project's own queries:
/// a base trashed before a restart is purged by its reminder after the restart, while everything else
/// written before the restart (accounts, tokens, bases) reads back unchanged.
/// </summary>
public sealed class TrashPurgeRestartTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Trashed_base_is_purged_by_its_reminder_after_a_restart()
    {
        var settings = new Dictionary<string, string?>
        {
            ["SeaTable:Trash:RetentionDays"] = Retention.TotalDays.ToString("R", CultureInfo.InvariantCulture),
        };
        var dataDir = TestFolders.NewTempFolder("purge-restart");

        string token;
        long workspaceId;
        string keptUuid;
        string doomedUuid;
        await using (var first = new SeaTableAppFactory(dataDir, settings) { KeepDataDir = true })
        {
            token = await first.LoginAdminAsync();
            using var client = first.CreateClient(token);
            var kept = await CreateBaseAsync(client, "kept");
            var doomed = await CreateBaseAsync(client, "doomed");
            keptUuid = kept["uuid"]!.GetValue<string>();
            doomedUuid = doomed["uuid"]!.GetValue<string>();
            workspaceId = kept["workspace_id"]!.GetValue<long>();

            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v2.1/workspace/{workspaceId}/dtable/")
            {
                Content = JsonContent.Create(new { name = "doomed" }),
            };
            await (await client.SendAsync(delete)).ReadJsonAsync(HttpStatusCode.OK);
            var trash = await (await client.GetAsync("/api/v2.1/trash-dtables/")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(1, trash["count"]!.GetValue<int>());
        }

        await using var second = new SeaTableAppFactory(dataDir, settings);
        // The same login token: the account and its token grain were read back from storage.
        Assert.Equal(token, await second.LoginAdminAsync());
        using var after = second.CreateClient(token);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        JsonNode trashAfter;
        do
        {
            await Task.Delay(500);
            trashAfter = await (await after.GetAsync("/api/v2.1/trash-dtables/")).ReadJsonAsync(HttpStatusCode.OK);
        }
        while (trashAfter["count"]!.GetValue<int>() > 0 && DateTime.UtcNow < deadline);

        Assert.Equal(0, trashAfter["count"]!.GetValue<int>());
        var workspaces = await (await after.GetAsync("/api/v2.1/workspaces/")).ReadJsonAsync(HttpStatusCode.OK);
        var personal = workspaces["workspace_list"]!.AsArray().Single(w => w!["type"]!.GetValue<string>() == "personal")!;
        var uuids = personal["table_list"]!.AsArray().Select(t => t!["uuid"]!.GetValue<string>()).ToList();
        Assert.Contains(keptUuid, uuids);
        Assert.DoesNotContain(doomedUuid, uuids);

        // Purged for good: the name is free and its content is gone.
        var recreated = await CreateBaseAsync(after, "doomed");
        Assert.NotEqual(doomedUuid, recreated["uuid"]!.GetValue<string>());
    }

    private static async Task<JsonNode> CreateBaseAsync(HttpClient client, string name)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name });
        var body = await (await client.PostAsync("/api/v2.1/dtables/", form)).ReadJsonAsync(HttpStatusCode.Created);
        return body["table"]!;
    }
}
