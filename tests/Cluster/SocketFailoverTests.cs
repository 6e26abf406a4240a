using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Sockets;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// Live connections in a cluster of real silo processes on PostgreSQL (issue 4, cluster bullet): the token
/// exchange and the socket work through any silo, E8 on any silo sees a socket held by another, a socket
/// held by a silo killed with -9 shows connected: false within a minute, and a socket on a surviving silo
/// keeps being served and counted, at every poll after the kill.
/// </summary>
public sealed class SocketFailoverTests(ITestOutputHelper output)
{
    private const int SiloCount = 3;
    private const int SurvivorCount = 6;
    private const string BaseName = "live";
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxDisconnectDelay = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_socket_on_a_killed_silo_shows_disconnected_within_a_minute()
    {
        await TestPostgres.RequireAsync();
        await using var scenario = await Scenario.StartAsync("doomed-app");
        try
        {
            var (silo0, silo2) = (scenario.Cluster.Silos[0], scenario.Cluster.Silos[2]);
            await using var doomed = await scenario.JoinAsync(silo2, "doomed-app");
            Assert.Equal((int)PingInterval.TotalMilliseconds, doomed.Open["pingInterval"]!.GetValue<int>());

            // E8 through silo0 sees the socket held by silo2.
            Assert.Equal(new Dictionary<string, bool> { ["doomed-app"] = true }, await StatusAsync(scenario.Owner0, scenario.StatusUrl));

            var clock = Stopwatch.StartNew();
            silo2.KillHard();
            Assert.Null(await doomed.WaitClosedAsync(TimeSpan.FromSeconds(10)));
            var (status, answers, retries) = await WaitDisconnectedAsync(scenario, "doomed-app", clock);

            var disconnectedAfter = clock.Elapsed;
            Report($"socket failover: {SiloCount} silos (ping {PingInterval.TotalSeconds:F0} s, lease {LeaseDuration.TotalSeconds:F0} s); silo2 killed with -9; "
                + $"E8 through silo0 showed its app disconnected {disconnectedAfter.TotalSeconds:F1} s after the kill ({answers} answers, {retries} 503s/timeouts retried)");
            Assert.False(status.GetValueOrDefault("doomed-app", true), $"still connected after {disconnectedAfter.TotalSeconds:F0} s: {string.Join(", ", status)}");
            Assert.True(disconnectedAfter < MaxDisconnectDelay, $"disconnected only {disconnectedAfter.TotalSeconds:F1} s after the kill");
            Assert.Equal(new Dictionary<string, bool> { ["doomed-app"] = false }, status);
        }
        catch
        {
            output.WriteLine(scenario.Cluster.LogsTail(60));
            throw;
        }
    }

    [SkippableFact]
    public async Task Sockets_on_surviving_silos_keep_being_served_and_counted_after_another_silo_is_killed()
    {
        // Several apps, so that some of their token grains (and their directory entries) sit on the killed
        // silo whatever the placement: every heartbeat on the survivors then calls into the outage.
        var survivorApps = Enumerable.Range(1, SurvivorCount).Select(i => $"survivor-{i}").ToArray();
        await TestPostgres.RequireAsync();
        await using var scenario = await Scenario.StartAsync(["doomed-app", .. survivorApps]);
        var survivors = new List<(string App, SiloProcess Silo, SocketIoTestClient Socket)>();
        try
        {
            var silo2 = scenario.Cluster.Silos[2];
            await using var doomed = await scenario.JoinAsync(silo2, "doomed-app");
            foreach (var (app, i) in survivorApps.Select((a, i) => (a, i)))
            {
                var silo = scenario.Cluster.Silos[i % 2];
                survivors.Add((app, silo, await scenario.JoinAsync(silo, app)));
            }

            var everyone = await StatusAsync(scenario.Owner0, scenario.StatusUrl);
            Assert.True(everyone.Count == SurvivorCount + 1 && everyone.Values.All(c => c), string.Join(", ", everyone));

            var clock = Stopwatch.StartNew();
            var killedAt = DateTimeOffset.UtcNow;
            silo2.KillHard();
            var polls = new List<(TimeSpan At, Dictionary<string, bool> Status)>();
            var (status, _, _) = await WaitDisconnectedAsync(scenario, "doomed-app", clock, polls);
            Report($"socket failover with survivors: the killed silo's app showed disconnected {clock.Elapsed.TotalSeconds:F1} s after the kill");

            // Once the cluster settled, every survivor's socket (on silo0 or silo1) still gets pings and counts as
            // connected over more than a whole lease: heartbeats and lease renewals outlived the failover.
            var settled = clock.Elapsed;
            while (clock.Elapsed < settled + LeaseDuration)
            {
                await Task.Delay(250);
                if ((await TryStatusAsync(scenario.Owner0, scenario.StatusUrl)).Status is { } polled)
                {
                    polls.Add((clock.Elapsed, status = polled));
                }
            }

            // A socket that stayed open on a live silo never shows disconnected, not even in the seconds after the
            // kill while the base's connections grain re-activates on a survivor.
            var flickers = polls.SelectMany(p => survivorApps.Where(a => !p.Status.GetValueOrDefault(a)).Select(a => $"{a} at {p.At.TotalSeconds:F1} s")).ToList();
            Report($"  {polls.Count} E8 answers after the kill; survivors shown disconnected: {flickers.Count}");
            Assert.True(flickers.Count == 0, $"surviving sockets shown connected: false after the kill: {string.Join(", ", flickers)}");

            var pingsBefore = survivors.Select(s => s.Socket.PingsReceived).ToList();
            var watch = LeaseDuration + PingInterval;
            await Task.Delay(watch);
            status = (await TryStatusAsync(scenario.Owner0, scenario.StatusUrl)).Status ?? status;
            var states = survivors.Select((s, i) =>
                $"{s.App} on {s.Silo.Name}: socket {s.Socket.State}, {s.Socket.PingsReceived - pingsBefore[i]} pings in the last {watch.TotalSeconds:F0} s, "
                + $"last ping {(s.Socket.LastPingAt - killedAt)?.TotalSeconds:F1} s after the kill, connected={status.GetValueOrDefault(s.App)}").ToList();
            foreach (var line in states)
            {
                Report("  " + line);
            }

            var starved = survivors.Where((s, i) => s.Socket.PingsReceived < pingsBefore[i] + 3).ToList();
            if (starved.Count > 0)
            {
                // Closing a starved socket ends its request on its silo, which then logs why its heartbeat stopped.
                await starved[0].Socket.CloseAsync();
                await Task.Delay(1000);
            }

            Assert.True(starved.Count == 0, $"the server stopped pinging {starved.Count} of {SurvivorCount} surviving sockets:\n{string.Join("\n", states)}");
            Assert.True(survivorApps.All(a => status.GetValueOrDefault(a)), $"not every survivor shows connected after the failover:\n{string.Join("\n", states)}");
            Assert.False(status.GetValueOrDefault("doomed-app", true));
            foreach (var survivor in survivors)
            {
                Assert.Equal(WebSocketState.Open, survivor.Socket.State);
                await survivor.Socket.AssertAnswersPingAsync();
            }

            // Leaving shows at once, through any surviving silo.
            foreach (var survivor in survivors)
            {
                await survivor.Socket.CloseAsync();
            }

            using var owner1 = Client(scenario.Cluster.Silos[1], scenario.UserToken);
            var after = await StatusAsync(owner1, scenario.StatusUrl);
            Assert.True(after.Count == SurvivorCount + 1 && after.Values.All(c => !c), string.Join(", ", after));
        }
        catch
        {
            output.WriteLine(scenario.Cluster.LogsTail(60));
            throw;
        }
        finally
        {
            foreach (var survivor in survivors)
            {
                await survivor.Socket.DisposeAsync();
            }
        }
    }

    /// <summary>Polls E8 through silo0 (retrying 503s and timeouts) until the app shows disconnected, for at most 90 s.</summary>
    private static async Task<(Dictionary<string, bool> Status, int Answers, int Retries)> WaitDisconnectedAsync(
        Scenario scenario, string appName, Stopwatch clock, List<(TimeSpan At, Dictionary<string, bool> Status)>? polls = null)
    {
        Dictionary<string, bool> status;
        var answers = 0;
        var retries = 0;
        do
        {
            await Task.Delay(250);
            var (polled, retried) = await TryStatusAsync(scenario.Owner0, scenario.StatusUrl);
            retries += retried;
            answers += polled is null ? 0 : 1;
            status = polled ?? new Dictionary<string, bool>();
            if (polled is not null)
            {
                polls?.Add((clock.Elapsed, polled));
            }
        }
        while (status.GetValueOrDefault(appName, true) && clock.Elapsed < MaxDisconnectDelay + TimeSpan.FromSeconds(30));

        return (status, answers, retries);
    }

    /// <summary>E8 (200, retrying 503s while the cluster re-balances): app name → connected.</summary>
    private static async Task<Dictionary<string, bool>> StatusAsync(HttpClient client, string statusUrl)
    {
        for (var attempt = 1; attempt <= 60; attempt++)
        {
            var (status, _) = await TryStatusAsync(client, statusUrl);
            if (status is not null)
            {
                return status;
            }

            await Task.Delay(1000);
        }

        throw new Xunit.Sdk.XunitException($"GET {statusUrl} kept answering 503.");
    }

    /// <summary>One E8 call: the status, or null with one retry counted when it answered 503 or timed out.</summary>
    private static async Task<(Dictionary<string, bool>? Status, int Retries)> TryStatusAsync(HttpClient client, string statusUrl)
    {
        try
        {
            using var response = await client.GetAsync(statusUrl);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return (null, 1);
            }

            return (SocketCalls.ParseStatus(await response.ReadJsonAsync(HttpStatusCode.OK)), 0);
        }
        catch (TaskCanceledException)
        {
            return (null, 1);
        }
    }

    private static HttpClient Client(SiloProcess silo, string? token = null) => ClusterHttp.Client(silo, token, TimeSpan.FromSeconds(15));

    private static Task<string> LoginAsync(SiloProcess silo, string email, string password) => ClusterHttp.LoginAsync(silo, email, password);

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>
    /// Three silos with short socket timings; through silo0 a user, a base and an API token per app; through
    /// silo1 the exchange of each token for its app JWT.
    /// </summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly Dictionary<string, string> _jwts = new(StringComparer.Ordinal);

        private Scenario(TestDatabase database, ProcessCluster cluster)
        {
            _database = database;
            Cluster = cluster;
        }

        public ProcessCluster Cluster { get; }

        public HttpClient Owner0 { get; private set; } = null!;

        public string UserToken { get; private set; } = "";

        public string Uuid { get; private set; } = "";

        public string StatusUrl { get; private set; } = "";

        public static async Task<Scenario> StartAsync(params string[] appNames)
        {
            var database = await TestPostgres.CreateDatabaseAsync();
            var cluster = new ProcessCluster(database, new Dictionary<string, string>
            {
                ["SeaTable__Sockets__PingInterval"] = PingInterval.ToString("c", CultureInfo.InvariantCulture),
                ["SeaTable__Sockets__PingTimeout"] = "00:00:05",
                ["SeaTable__Sockets__LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            });
            var scenario = new Scenario(database, cluster);
            try
            {
                await cluster.StartAsync(SiloCount);
                await scenario.PrepareAsync(appNames);
                return scenario;
            }
            catch
            {
                Console.WriteLine(cluster.LogsTail(60));
                await scenario.DisposeAsync();
                throw;
            }
        }

        /// <summary>A socket to the silo, joined to the base's room with the app's JWT.</summary>
        public async Task<SocketIoTestClient> JoinAsync(SiloProcess silo, string appName)
        {
            var socket = await SocketIoTestClient.ConnectAsync(silo.BaseAddress, Uuid);
            try
            {
                await socket.ConnectNamespaceAsync();
                Assert.Equal("""{"success":true}""", (await socket.JoinRoomAsync(Uuid, _jwts[appName])).ToJsonString());
                return socket;
            }
            catch
            {
                await socket.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            (Owner0 as IDisposable)?.Dispose();
            await Cluster.DisposeAsync();
            await _database.DisposeAsync();
        }

        private async Task PrepareAsync(string[] appNames)
        {
            var (silo0, silo1) = (Cluster.Silos[0], Cluster.Silos[1]);
            long workspaceId;
            using (var admin = Client(silo0, await LoginAsync(silo0, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword)))
            {
                var created = await admin.CreateUserAsync("sockets@cluster.test", "Sockets-Passw0rd");
                workspaceId = created["workspace_id"]!.GetValue<long>();
            }

            UserToken = await LoginAsync(silo0, "sockets@cluster.test", "Sockets-Passw0rd");
            Owner0 = Client(silo0, UserToken);
            var table = await (await Owner0.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", BaseName)])))
                .ReadJsonAsync(HttpStatusCode.Created);
            Uuid = table["table"]!["uuid"]!.GetValue<string>();
            StatusUrl = SocketCalls.StatusUrl(workspaceId, BaseName);

            using var anonymous1 = Client(silo1);
            foreach (var appName in appNames)
            {
                var token = await (await Owner0.PostAsJsonAsync(SocketCalls.TokensUrl(workspaceId, BaseName), new { app_name = appName, permission = "rw" }))
                    .ReadJsonAsync(HttpStatusCode.Created);
                var exchanged = await anonymous1.ExchangeAsync(token["api_token"]!.GetValue<string>());
                Assert.Equal(Uuid, exchanged["dtable_uuid"]!.GetValue<string>());
                Assert.Equal(appName, exchanged["app_name"]!.GetValue<string>());
                _jwts[appName] = exchanged["access_token"]!.GetValue<string>();
            }
        }
    }
}
