using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// Real silo processes on a real PostgreSQL: kill -9 one silo under a steady load (bases, API tokens and row
/// appends with their base tokens) and check that nothing acknowledged is lost, no row either, that failures
/// stay within a short window, that grains of the dead silo answer again from the others, that its reminders
/// fire elsewhere, and that a full cluster restart keeps it all.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int SiloCount = 3;
    private const int Workers = 4;
    private static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan LoadAfterKill = TimeSpan.FromSeconds(24);
    /// <summary>Generous: membership declares a dead silo within ~10-20 s on loopback.</summary>
    private static readonly TimeSpan MaxFailoverWindow = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Killing_a_silo_under_load_loses_no_acknowledged_change_and_a_restart_keeps_everything()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database);
        await cluster.StartAsync(SiloCount);
        try
        {
            using var client = new ClusterClient(cluster.Silos);
            var adminToken = await LoginAsync(cluster.Silos[0], ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            var users = new List<(string Token, long WorkspaceId)>();
            for (var i = 0; i < Workers; i++)
            {
                users.Add(await CreateUserAsync(cluster.Silos[i % SiloCount], adminToken, $"load{i}@cluster.test"));
            }

            // Careful clients: a request whose outcome is unknown is sent again (row writes with their key).
            var workers = users.Select((u, i) => new LoadWorker(u.Token, u.WorkspaceId, $"w{i}", client, retryUnknownOutcomes: true)).ToList();
            using var stop = new CancellationTokenSource();
            var started = DateTimeOffset.UtcNow;
            var load = Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(stop.Token))));

            await Task.Delay(LoadBeforeKill);
            var victim = cluster.Silos[1];
            // An import task working on the victim when it dies (its grain is placed where the request came in).
            var import = await StartImportAsync(victim, adminToken, Path.Combine(cluster.DataDir, "blobs", "assets"));
            var killedAt = DateTimeOffset.UtcNow;
            victim.KillHard();
            await Task.Delay(LoadAfterKill);
            await stop.CancelAsync();
            await load;
            var stopped = DateTimeOffset.UtcNow;

            var records = client.Records.ToList();
            var failures = records.Where(r => r.Outcome == RequestOutcome.Failed).ToList();
            var window = failures.Count == 0 ? TimeSpan.Zero : failures.Max(r => r.At) - killedAt;
            var bases = workers.SelectMany(w => w.Bases).ToList();

            var survivor = cluster.Silos.First(s => !s.HasExited);
            var lost = await FindLostAsync(survivor, users, workers);
            var ghosts = await ClusterChecks.FindGhostsAsync(survivor, workers, TimeSpan.FromSeconds(15));
            var duplicates = await ClusterChecks.FindDuplicateRowsAsync(survivor, workers);
            Report("after kill -9", records, failures, window, killedAt, started, stopped, bases, lost);
            var checks = $"  retried requests: {bases.Sum(b => b.Retries)}, creates answered \"already exists\" on retry: {bases.Count(b => b.ClaimedByRetry)}, ghosts: {ghosts.Count}, duplicate rows: {duplicates.Count}";
            output.WriteLine(checks);
            Console.WriteLine(checks);
            foreach (var line in ghosts.Concat(duplicates))
            {
                output.WriteLine("  " + line);
            }

            Assert.Empty(ghosts);
            Assert.Empty(duplicates);

            Assert.True(records.Count(r => r.Outcome == RequestOutcome.Acknowledged && r.At > killedAt) > 0, "no request succeeded after the kill");
            Assert.Empty(lost);
            Assert.True(window < MaxFailoverWindow, $"requests failed for {window.TotalSeconds:F1} s after the kill");
            Assert.DoesNotContain(records, r => r.Outcome == RequestOutcome.Failed && r.At > killedAt + MaxFailoverWindow);
            Assert.DoesNotContain(records, r => r.Outcome == RequestOutcome.Failed && r.At < killedAt);
            await CheckImportEndedCleanlyAsync(survivor, adminToken, import, Path.Combine(cluster.DataDir, "blobs"));

            // The whole cluster goes down and comes back on the same database and data folder.
            await cluster.StopAllAsync();
            await cluster.StartAsync(SiloCount);
            var restarted = cluster.Silos.Where(s => !s.HasExited).ToList();
            Assert.Equal(SiloCount, restarted.Count);
            Assert.Equal(adminToken, await LoginAsync(restarted[2], ProcessCluster.AdminEmail, ProcessCluster.AdminPassword));
            var lostAfterRestart = await FindLostAsync(restarted[0], users, workers);
            output.WriteLine($"after full restart: {bases.Count(b => !b.Uncertain && b.Uuid is not null)} bases checked, lost={lostAfterRestart.Count}");
            Assert.Empty(lostAfterRestart);
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }

    [SkippableFact]
    public async Task A_purge_reminder_of_a_killed_silo_fires_on_another_silo()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var retention = TimeSpan.FromSeconds(20);
        await using var cluster = new ProcessCluster(database, new Dictionary<string, string>
        {
            ["SeaTable__Trash__RetentionDays"] = retention.TotalDays.ToString("R", CultureInfo.InvariantCulture),
            // A purge that fires while membership still counts the killed silo alive can fail on a grain it
            // held; it is tried again after this period (an hour by default), which must fit the deadline.
            ["SeaTable__Trash__PurgeRetryPeriod"] = "00:01:00",
        });
        await cluster.StartAsync(SiloCount);
        try
        {
            var adminToken = await LoginAsync(cluster.Silos[0], ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            var (token, workspaceId) = await CreateUserAsync(cluster.Silos[0], adminToken, "reminders@cluster.test");

            // 18 reminders spread over the ring of 3 silos: the chance that none belongs to the killed
            // silo is (2/3)^18, about 0.07 %; the database tells how many it held.
            const int count = 18;
            for (var i = 0; i < count; i++)
            {
                var silo = cluster.Silos[i % SiloCount];
                using var http = Client(silo, token);
                await (await http.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", $"r{i}")]))).ReadJsonAsync(HttpStatusCode.Created);
                using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v2.1/workspace/{workspaceId}/dtable/") { Content = JsonContent.Create(new { name = $"r{i}" }) };
                await (await http.SendAsync(delete)).ReadJsonAsync(HttpStatusCode.OK);
            }

            Assert.Equal(count, await database.ScalarAsync("SELECT COUNT(*) FROM orleansreminderstable WHERE remindername = 'purge'"));
            var killedAt = DateTimeOffset.UtcNow;
            cluster.Silos[2].KillHard();

            using var survivor = Client(cluster.Silos[0], token);
            var deadline = DateTimeOffset.UtcNow + retention + TimeSpan.FromSeconds(90);
            var remaining = count;
            do
            {
                await Task.Delay(1000);
                using var response = await survivor.GetAsync("/api/v2.1/trash-dtables/?per_page=100");
                // Until membership declares the killed silo dead, calls to its grains answer 503 (retry).
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    continue;
                }

                remaining = (await response.ReadJsonAsync(HttpStatusCode.OK))["count"]!.GetValue<int>();
            }
            while (remaining > 0 && DateTimeOffset.UtcNow < deadline);

            output.WriteLine($"reminders: {count} purges scheduled, killed silo2 at +0 s, all purged by +{(DateTimeOffset.UtcNow - killedAt).TotalSeconds:F1} s (retention {retention.TotalSeconds:F0} s); remaining={remaining}");
            Assert.Equal(0, remaining);
            Assert.Equal(0, await database.ScalarAsync("SELECT COUNT(*) FROM catalog_dtables"));
            Assert.Equal(0, await database.ScalarAsync("SELECT COUNT(*) FROM orleansreminderstable WHERE remindername = 'purge'"));
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }

    /// <summary>Tracked bases whose acknowledged state is not what the cluster shows now.</summary>
    internal static async Task<List<string>> FindLostAsync(SiloProcess silo, List<(string Token, long WorkspaceId)> users, List<LoadWorker> workers)
    {
        var lost = new List<string>();
        foreach (var ((token, _), worker) in users.Zip(workers))
        {
            using var http = Client(silo, token);
            var workspaces = await GetWithRetryAsync(http, "/api/v2.1/workspaces/");
            var personal = workspaces["workspace_list"]!.AsArray().Single(w => w!["type"]!.GetValue<string>() == "personal")!;
            var live = personal["table_list"]!.AsArray().ToDictionary(t => t!["uuid"]!.GetValue<string>(), t => t!["name"]!.GetValue<string>());
            var trash = await GetWithRetryAsync(http, "/api/v2.1/trash-dtables/?per_page=1000");
            var trashed = trash["trash_dtable_list"]!.AsArray().Select(t => t!["uuid"]!.GetValue<string>()).ToHashSet();

            foreach (var tracked in worker.Bases.Where(b => b.Uuid is not null))
            {
                var isLive = live.TryGetValue(tracked.Uuid!, out var liveName);
                var isTrashed = trashed.Contains(tracked.Uuid!);
                if (isLive && isTrashed)
                {
                    lost.Add($"{tracked.Name}: both live and in the trash");
                }
                else if (!tracked.Uncertain && tracked.ExpectedLiveName is { } expected && (!isLive || liveName != expected))
                {
                    lost.Add($"{tracked.Name}: acknowledged live as '{expected}', found {(isLive ? $"live as '{liveName}'" : isTrashed ? "in the trash" : "nowhere")}");
                }
                else if (!tracked.Uncertain && tracked.ExpectedTrashed && !isTrashed)
                {
                    lost.Add($"{tracked.Name}: acknowledged in the trash, found {(isLive ? "live" : "nowhere")}");
                }
                else if (!tracked.Uncertain && tracked.ApiToken is { } apiToken && isLive)
                {
                    // The acknowledged API token still works, through whichever silo answers.
                    using var exchange = new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/dtable/app-access-token/");
                    exchange.Headers.Authorization = new AuthenticationHeaderValue("Token", apiToken);
                    using var response = await SendWithRetryAsync(http, exchange);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lost.Add($"{tracked.Name}: its acknowledged API token answers {(int)response.StatusCode}");
                    }
                    else if (tracked.Rows.Count > 0)
                    {
                        lost.AddRange(await FindLostRowsAsync(silo, tracked, (await response.ReadJsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>()));
                    }
                }
            }
        }

        return lost;
    }

    /// <summary>Acknowledged rows of a live base that its rows listing does not show.</summary>
    private static async Task<IEnumerable<string>> FindLostRowsAsync(SiloProcess silo, TrackedBase tracked, string jwt)
    {
        using var http = Client(silo, jwt);
        var rows = await GetWithRetryAsync(http, $"/dtable-server/api/v1/dtables/{tracked.Uuid}/rows/?table_name=Table1");
        var present = rows["rows"]!.AsArray().Select(r => r!["_id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return tracked.Rows.Where(id => !present.Contains(id)).Select(id => $"{tracked.Name}: acknowledged row {id} is missing");
    }

    private static async Task<HttpResponseMessage> SendWithRetryAsync(HttpClient http, HttpRequestMessage request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            copy.Headers.Authorization = request.Headers.Authorization;
            var response = await http.SendAsync(copy);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(1000);
        }
    }

    /// <summary>A read as a well-behaved client does it: a 503 (cluster re-balancing) is retried after a pause.</summary>
    private static async Task<JsonNode> GetWithRetryAsync(HttpClient http, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                return await response.ReadJsonAsync(HttpStatusCode.OK);
            }

            await Task.Delay(1000);
        }
    }

    private void Report(string phase, List<RequestRecord> records, List<RequestRecord> failures, TimeSpan window,
        DateTimeOffset killedAt, DateTimeOffset started, DateTimeOffset stopped, List<TrackedBase> bases, List<string> lost)
    {
        var sent = records.Count(r => r.Outcome != RequestOutcome.Refused);
        var acknowledged = records.Count(r => r.Outcome == RequestOutcome.Acknowledged);
        var refused = records.Count(r => r.Outcome == RequestOutcome.Refused);
        var firstFailure = failures.Count == 0 ? "-" : $"+{(failures.Min(r => r.At) - killedAt).TotalSeconds:F1} s";
        var lines = new[]
        {
            $"cluster failover ({phase}): {SiloCount} silos, {Workers} workers, load {(stopped - started).TotalSeconds:F0} s, kill -9 at +{(killedAt - started).TotalSeconds:F1} s",
            $"  requests sent: {sent}, acknowledged: {acknowledged}, failed: {failures.Count} (statuses: {string.Join(",", failures.GroupBy(f => $"{f.Operation} {f.Status?.ToString(CultureInfo.InvariantCulture) ?? f.Error ?? "timeout"}").Select(g => $"{g.Key} x{g.Count()}"))}), refused by the dead silo and re-routed: {refused}",
            $"  failover window: first failure {firstFailure}, last failure +{window.TotalSeconds:F1} s after the kill",
            $"  bases: {bases.Count} ({bases.Count(b => b.Uncertain)} with an unknown outcome), rows acknowledged: {bases.Sum(b => b.Rows.Count)}, acknowledged changes lost: {lost.Count}",
        };
        foreach (var line in lines.Concat(lost))
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        }
    }

    private sealed record ImportUnderWay(string TaskId, string Uuid, string Name);

    /// <summary>Imports a slow archive through that silo and waits until its task works on the asset files.</summary>
    private static async Task<ImportUnderWay> StartImportAsync(SiloProcess silo, string token, string assetRoot)
    {
        using var http = Client(silo, token);
        var workspaceId = (await GetWithRetryAsync(http, "/api2/account/info/"))["workspace_id"]!.GetValue<long>();
        var name = "killed-import-" + Guid.NewGuid().ToString("N")[..8];
        var answer = await SeaTable.Tests.ImportExport.IoCalls.ImportAsync(http, workspaceId, name + ".dtable",
            SeaTable.Tests.ImportExport.CancelAndLimitTests.SlowArchive(4000));
        var taskId = answer["task_id"]!.GetValue<string>();
        var uuid = answer["table"]!["uuid"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Directory.Exists(Path.Combine(assetRoot, uuid)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the import never started working");
            await Task.Delay(10);
        }

        return new ImportUnderWay(taskId, uuid, name);
    }

    /// <summary>
    /// The import cut off by the kill ends on a survivor, resumed (the base complete) or failed with an
    /// error_msg (no base, no files): never "running" forever.
    /// </summary>
    private async Task CheckImportEndedCleanlyAsync(SiloProcess survivor, string token, ImportUnderWay import, string blobRoot)
    {
        using var http = Client(survivor, token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        JsonNode status;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2.1/dtable-io-status/?task_id={import.TaskId}");
            using var response = await SendWithRetryAsync(http, request);
            status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (status["is_finished"]?.GetValue<bool>() == true)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the killed import never ended: {status.ToJsonString()}");
            await Task.Delay(200);
        }

        output.WriteLine($"import cut off by the kill: {status.ToJsonString()}");
        var listed = (await GetWithRetryAsync(http, "/api/v2.1/workspaces/"))["workspace_list"]!.AsArray()
            .Single(w => w!["type"]!.GetValue<string>() == "personal")!["table_list"]!.AsArray()
            .Any(t => t!["name"]!.GetValue<string>() == import.Name);
        if (status["phase"]!.GetValue<string>() == "finished")
        {
            Assert.Equal(20_002, status["rows_done"]!.GetValue<long>());
            Assert.True(listed, "the resumed import's base is not listed");
            Assert.Equal(4000, Directory.EnumerateFiles(Path.Combine(blobRoot, "assets", import.Uuid), "*", SearchOption.AllDirectories).Count());
        }
        else
        {
            Assert.Equal("failed", status["phase"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(status["error_msg"]?.GetValue<string>()));
            Assert.False(listed, "the failed import left its base");
            Assert.False(Directory.Exists(Path.Combine(blobRoot, "assets", import.Uuid)), "the failed import left its assets");
        }

        Assert.False(Directory.Exists(Path.Combine(blobRoot, "io", Guid.Parse(import.TaskId).ToString("N"))), "the task left its files");
    }

    private static HttpClient Client(SiloProcess silo, string? token = null) => ClusterHttp.Client(silo, token);

    internal static Task<string> LoginAsync(SiloProcess silo, string email, string password) => ClusterHttp.LoginAsync(silo, email, password);

    internal static async Task<(string Token, long WorkspaceId)> CreateUserAsync(SiloProcess silo, string adminToken, string email)
    {
        using var admin = Client(silo, adminToken);
        var created = await admin.CreateUserAsync(email, "Load-Passw0rd");
        var token = await LoginAsync(silo, email, "Load-Passw0rd");
        return (token, created["workspace_id"]!.GetValue<long>());
    }
}
