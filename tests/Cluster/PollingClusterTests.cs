using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Sockets;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// Engine.IO polling in a cluster of real silo processes on PostgreSQL, behind a load balancer without
/// sticky sessions (every request of a client goes to the next silo in turn): polls and posts reaching a
/// silo that does not hold the session are forwarded to the one that does, the polling client joins, counts
/// as connected and receives update-dtable; when the session's silo is killed with -9 the client is told
/// its session is unknown and api-tokens-status shows it disconnected within the deadline, while a polling
/// client held by a surviving silo goes on.
/// </summary>
public sealed class PollingClusterTests(ITestOutputHelper output)
{
    private const string BaseName = "polled";
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxDisconnectDelay = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Polling_without_sticky_sessions_works_and_a_polling_socket_on_a_killed_silo_shows_disconnected()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database, new Dictionary<string, string>
        {
            ["SeaTable__Sockets__PingInterval"] = PingInterval.ToString("c", CultureInfo.InvariantCulture),
            ["SeaTable__Sockets__PingTimeout"] = "00:00:05",
            ["SeaTable__Sockets__LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
        });
        try
        {
            await cluster.StartAsync(3);
            var (silo0, silo1, silo2) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);
            var (owner, statusUrl, uuid, jwts) = await PrepareAsync(silo0, silo1, ["doomed-app", "survivor-app"]);
            using var _ = owner;

            // The doomed client's handshake lands on silo2, the survivor's on silo0; after that every request
            // goes to the next silo in turn.
            var doomedBalancer = new RoundRobinHandler([silo2, silo0, silo1]);
            var survivorBalancer = new RoundRobinHandler([silo0, silo1, silo2]);
            using var doomedHttp = new HttpClient(doomedBalancer) { BaseAddress = silo0.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
            using var survivorHttp = new HttpClient(survivorBalancer) { BaseAddress = silo0.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
            await using var doomed = await PollingTestClient.ConnectAsync(doomedHttp, uuid, "/api-gateway/socket.io/");
            await using var survivor = await PollingTestClient.ConnectAsync(survivorHttp, uuid, "/dtable-server/socket.io/");
            foreach (var (client, app) in new[] { (doomed, "doomed-app"), (survivor, "survivor-app") })
            {
                await client.ConnectNamespaceAsync();
                Assert.Equal("""{"success":true}""", (await client.JoinRoomAsync(uuid, jwts[app])).ToJsonString());
            }

            var status = await WaitStatusAsync(owner, statusUrl, s => s.GetValueOrDefault("doomed-app") && s.GetValueOrDefault("survivor-app"), TimeSpan.FromSeconds(20));
            Assert.Equal(new Dictionary<string, bool> { ["doomed-app"] = true, ["survivor-app"] = true }, status);

            // A row written through silo1 reaches both polling clients, whichever silo their polls hit.
            using (var rows = ClusterHttp.Client(silo1))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/dtable-server/api/v1/dtables/{uuid}/rows/")
                {
                    Content = JsonContent.Create(new { table_name = "Table1", row = new Dictionary<string, string> { ["Name"] = "polled" } }),
                };
                request.Headers.TryAddWithoutValidation("Authorization", "Token " + jwts["survivor-app"]);
                var row = await (await rows.SendAsync(request)).ReadJsonAsync(HttpStatusCode.OK);
                foreach (var client in new[] { doomed, survivor })
                {
                    var packet = await client.NextAsync(p => p.StartsWith("42[\"update-dtable\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
                    Assert.Contains(row["_id"]!.GetValue<string>(), packet, StringComparison.Ordinal);
                }
            }

            var clock = Stopwatch.StartNew();
            silo2.KillHard();
            // The load balancer notices: the survivor's requests go to silo0 and silo1 only from now on.
            survivorBalancer.Exclude(silo2);
            doomedBalancer.Exclude(silo2);
            status = await WaitStatusAsync(owner, statusUrl, s => !s.GetValueOrDefault("doomed-app", true), MaxDisconnectDelay + TimeSpan.FromSeconds(30));
            var shown = clock.Elapsed;
            Report($"polling failover: silo2 (holding the doomed session) killed with -9; E8 through silo0 showed it disconnected after {shown.TotalSeconds:F1} s; "
                + $"the doomed client's polls ended with: {doomed.Ended ?? "(still polling)"}");
            Assert.True(shown < MaxDisconnectDelay, $"disconnected only {shown.TotalSeconds:F1} s after the kill");
            Assert.False(status["doomed-app"]);

            // The doomed client learns that its session is gone (engine.io's answer: reconnect).
            var deadline = Stopwatch.StartNew();
            while (doomed.Ended is null && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(250);
            }

            // Either a forwarded request answered "Session ID unknown", or the request the client had pending on
            // silo2 itself broke with the silo (a load balancer answers 502 there).
            Assert.True(doomed.Ended is { } ended && (ended.Contains("Session ID unknown", StringComparison.Ordinal) || ended.StartsWith("connection failed", StringComparison.Ordinal)),
                doomed.Describe());

            // The survivor, held by silo0 and polled through silo0 and silo1, still gets pings and counts.
            status = await WaitStatusAsync(owner, statusUrl, s => s.GetValueOrDefault("survivor-app"), LeaseDuration + TimeSpan.FromSeconds(20));
            var pings = survivor.PingsReceived;
            await Task.Delay(PingInterval * 3);
            Report($"survivor: {survivor.PingsReceived - pings} pings in {(PingInterval * 3).TotalSeconds:F0} s after the failover; {survivor.Describe()}");
            Assert.True(survivor.Ended is null, survivor.Describe());
            Assert.True(survivor.PingsReceived > pings, survivor.Describe());
            Assert.True(status["survivor-app"]);
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }

    /// <summary>E8 through silo0 (503s and time-outs retried) until <paramref name="done"/> holds or the time runs out.</summary>
    private static async Task<Dictionary<string, bool>> WaitStatusAsync(HttpClient owner, string statusUrl, Func<Dictionary<string, bool>, bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var status = new Dictionary<string, bool>();
        while (clock.Elapsed < limit)
        {
            try
            {
                using var response = await owner.GetAsync(statusUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    status = SocketCalls.ParseStatus(await response.ReadJsonAsync(HttpStatusCode.OK));
                    if (done(status))
                    {
                        return status;
                    }
                }
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return status;
    }

    /// <summary>A user, a base and one API token per app through silo0; the tokens exchanged for their JWTs through silo1.</summary>
    private static async Task<(HttpClient Owner, string StatusUrl, string Uuid, Dictionary<string, string> Jwts)> PrepareAsync(
        SiloProcess silo0, SiloProcess silo1, string[] apps)
    {
        long workspaceId;
        using (var admin = ClusterHttp.Client(silo0, await ClusterHttp.LoginAsync(silo0, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword), TimeSpan.FromSeconds(15)))
        {
            var created = await admin.CreateUserAsync("polling@cluster.test", "Polling-Passw0rd");
            workspaceId = created["workspace_id"]!.GetValue<long>();
        }

        var owner = ClusterHttp.Client(silo0, await ClusterHttp.LoginAsync(silo0, "polling@cluster.test", "Polling-Passw0rd"), TimeSpan.FromSeconds(15));
        var table = await (await owner.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", BaseName)])))
            .ReadJsonAsync(HttpStatusCode.Created);
        var uuid = table["table"]!["uuid"]!.GetValue<string>();
        var jwts = new Dictionary<string, string>(StringComparer.Ordinal);
        using var anonymous1 = ClusterHttp.Client(silo1);
        foreach (var app in apps)
        {
            var token = await (await owner.PostAsJsonAsync(SocketCalls.TokensUrl(workspaceId, BaseName), new { app_name = app, permission = "rw" }))
                .ReadJsonAsync(HttpStatusCode.Created);
            jwts[app] = (await anonymous1.ExchangeAsync(token["api_token"]!.GetValue<string>()))["access_token"]!.GetValue<string>();
        }

        return (owner, SocketCalls.StatusUrl(workspaceId, BaseName), uuid, jwts);
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>A load balancer without sticky sessions: each request to the next silo in turn.</summary>
    private sealed class RoundRobinHandler(SiloProcess[] silos) : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<SiloProcess> _silos = [.. silos];
        private int _next = -1;

        public void Exclude(SiloProcess silo)
        {
            lock (_silos)
            {
                _silos.Remove(silo);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SiloProcess silo;
            lock (_silos)
            {
                silo = _silos[(int)((uint)++_next % (uint)_silos.Count)];
            }

            request.RequestUri = new UriBuilder(request.RequestUri!) { Port = silo.BaseAddress.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
