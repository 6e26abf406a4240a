using System.Diagnostics;
using System.Net;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// Every silo of a cluster dies at once (kill -9 of all, as a power cut does): their entries stay Active in the
/// membership table, and a silo started afterwards must neither wait for them forever nor need their votes. With
/// "I am alive" written every few seconds it joins once the dead entries are two intervals old, and serves what
/// was acknowledged before the crash.
/// </summary>
public sealed class WholeClusterRestartTests(ITestOutputHelper output)
{
    // Shorter than the default (15 s, ready about a minute after the kill) to keep the suite quick.
    private const string Interval = "00:00:05";

    [SkippableFact]
    public async Task A_cluster_killed_whole_comes_back_with_one_new_silo_and_keeps_its_data()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database, new Dictionary<string, string>
        {
            ["SeaTable__Orleans__IAmAliveInterval"] = Interval,
        });
        try
        {
            await cluster.StartAsync(2);
            var (silo0, silo1) = (cluster.Silos[0], cluster.Silos[1]);
            var login = await ClusterHttp.LoginAsync(silo0, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            using (var owner = ClusterHttp.Client(silo1, login))
            {
                using var created = await owner.PostAsync("/api/v2.1/dtables/", new FormUrlEncodedContent([KeyValuePair.Create("name", "Survivor")]));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            silo0.KillHard();
            silo1.KillHard();
            var clock = Stopwatch.StartNew();
            var restarted = await cluster.StartOneMoreAsync();
            var ready = clock.Elapsed;

            using var after = ClusterHttp.Client(restarted, await ClusterHttp.LoginAsync(restarted, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword));
            var workspaces = await (await after.GetAsync("/api/v2.1/workspaces/")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Contains("\"Survivor\"", workspaces.ToJsonString(), StringComparison.Ordinal);
            output.WriteLine($"whole cluster killed: a new silo was ready {ready.TotalSeconds:F1} s after the kill (I am alive every {Interval})");
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }
}
