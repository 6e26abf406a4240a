using System.Globalization;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// An operator's rolling restart: with three silos under load, each in turn is stopped with SIGTERM and started
/// again (on new ports, as a new pod would be). A stopping silo first reports not ready while it still serves
/// (the balancer's probe takes it out of rotation; its responses close their connections), then drains: it
/// refuses new connections (the balancer moves on, not counted) and finishes what it accepted, so no request is
/// answered 5xx, none is cut off, and nothing acknowledged is lost.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int SiloCount = 3;
    private const int Workers = 4;
    private static readonly TimeSpan LoadBetweenRestarts = TimeSpan.FromSeconds(4);

    [SkippableFact]
    public async Task Restarting_every_silo_in_turn_under_load_answers_no_5xx_and_loses_nothing()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database);
        await cluster.StartAsync(SiloCount);
        try
        {
            using var client = new ClusterClient(cluster.Silos, probeReadiness: true);
            var adminToken = await ClusterFailoverTests.LoginAsync(cluster.Silos[0], ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            var users = new List<(string Token, long WorkspaceId)>();
            for (var i = 0; i < Workers; i++)
            {
                users.Add(await ClusterFailoverTests.CreateUserAsync(cluster.Silos[i % SiloCount], adminToken, $"rolling{i}@cluster.test"));
            }

            var workers = users.Select((u, i) => new LoadWorker(u.Token, u.WorkspaceId, $"w{i}", client, retryUnknownOutcomes: true)).ToList();
            using var stop = new CancellationTokenSource();
            var started = DateTimeOffset.UtcNow;
            var load = Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(stop.Token))));
            await Task.Delay(LoadBetweenRestarts);

            var stops = new List<(string Silo, DateTimeOffset From, DateTimeOffset To)>();
            foreach (var silo in cluster.Silos.Take(SiloCount).ToList())
            {
                var from = DateTimeOffset.UtcNow;
                await silo.StopAsync(TimeSpan.FromSeconds(60));
                stops.Add((silo.Name, from, DateTimeOffset.UtcNow));
                Assert.True(silo.HasExited, $"{silo.Name} did not stop");
                await cluster.StartOneMoreAsync();
                client.UseSilos(cluster.Silos.Where(s => !s.HasExited));
                await Task.Delay(LoadBetweenRestarts);
            }

            await stop.CancelAsync();
            await load;
            var records = client.Records.ToList();
            var errors = records.Where(r => r.Status >= 500).ToList();
            var cut = records.Where(r => r.Outcome == RequestOutcome.Failed && r.Status is null).ToList();
            var bases = workers.SelectMany(w => w.Bases).ToList();
            var survivor = cluster.Silos.Last();
            var lost = await ClusterFailoverTests.FindLostAsync(survivor, users, workers);
            var ghosts = await ClusterChecks.FindGhostsAsync(survivor, workers, TimeSpan.FromSeconds(15));
            var duplicates = await ClusterChecks.FindDuplicateRowsAsync(survivor, workers);

            var lines = new List<string>
            {
                $"rolling restart: {SiloCount} silos, {Workers} workers, load {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s, " +
                $"stops: {string.Join(", ", stops.Select(s => $"{s.Silo} {(s.To - s.From).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s"))}",
                $"  requests sent: {records.Count(r => r.Outcome != RequestOutcome.Refused)}, acknowledged: {records.Count(r => r.Outcome == RequestOutcome.Acknowledged)}, " +
                $"refused by a stopped silo and re-routed: {records.Count(r => r.Outcome == RequestOutcome.Refused)}",
                $"  answered 5xx: {errors.Count} ({string.Join(", ", errors.GroupBy(e => $"{e.Silo} {e.Operation} {e.Status}").Select(g => $"{g.Key} x{g.Count()}"))}), " +
                $"cut off without an answer: {cut.Count} ({string.Join(", ", cut.GroupBy(e => $"{e.Silo} {e.Operation} {e.Error}").Select(g => $"{g.Key} x{g.Count()}"))})",
                $"  bases: {bases.Count}, rows acknowledged: {bases.Sum(b => b.Rows.Count)}, lost: {lost.Count}, ghosts: {ghosts.Count}, duplicate rows: {duplicates.Count}",
            };
            foreach (var line in lines.Concat(lost).Concat(ghosts).Concat(duplicates))
            {
                output.WriteLine(line);
                Console.WriteLine(line);
            }

            Assert.Empty(errors);
            Assert.Empty(cut);
            Assert.Empty(lost);
            Assert.Empty(ghosts);
            Assert.Empty(duplicates);
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(80));
            throw;
        }
    }
}
