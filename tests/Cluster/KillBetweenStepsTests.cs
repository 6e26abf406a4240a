using System.Diagnostics;
using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// A base's creation cut by kill -9 exactly between its steps, in a real cluster: the silo holding the workspace
/// grain is stopped for good right after the workspace saved the new name (the test-only setting
/// SeaTable:Testing:HoldAfter holds that call and prints a marker), and the survivors must finish the base:
/// listed, usable, deletable, its name free again after the delete.
/// </summary>
public sealed class KillBetweenStepsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_create_whose_workspace_silo_dies_after_the_name_claim_ends_whole_on_the_survivors()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database, new Dictionary<string, string>
        {
            ["SeaTable__Testing__HoldAfter"] = "IWorkspaceGrain.TryAddBase",
        });
        await cluster.StartAsync(3);
        try
        {
            var adminToken = await ClusterFailoverTests.LoginAsync(cluster.Silos[0], ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
            var (token, workspaceId) = await ClusterFailoverTests.CreateUserAsync(cluster.Silos[0], adminToken, "between@cluster.test");
            var name = "hold-" + Guid.NewGuid().ToString("N")[..8];
            using var creator = ClusterHttp.Client(cluster.Silos[1], token, TimeSpan.FromSeconds(120));
            var create = creator.SendRawAsync(HttpMethod.Post, "/api/v2.1/dtables/", Bodies.Form(("name", name)));

            var holder = await WaitForHolderAsync(cluster, name);
            var killedAt = Stopwatch.StartNew();
            holder.KillHard();
            output.WriteLine($"killed {holder.Name} (holding the workspace's name claim of {name})");

            var survivor = cluster.Silos.First(s => !s.HasExited && s != holder);
            using var client = ClusterHttp.Client(survivor, token);
            while (await ListedAsync(client, name) is not true)
            {
                Assert.True(killedAt.Elapsed < Deadline, $"{name} not listed {Deadline.TotalSeconds} s after the kill");
                await Task.Delay(500);
            }

            var listedAfter = killedAt.Elapsed;
            var tokens = $"/api/v2.1/workspace/{workspaceId}/dtable/{name}/api-tokens/";
            Assert.Equal(HttpStatusCode.OK, (await client.SendRawAsync(HttpMethod.Get, tokens)).Status);
            try
            {
                var (status, body) = await create;
                output.WriteLine($"create answered {(int)status} {body[..Math.Min(body.Length, 200)]}; listed {listedAfter.TotalSeconds:F1} s after the kill");
                Assert.True(status is HttpStatusCode.Created or HttpStatusCode.GatewayTimeout or HttpStatusCode.ServiceUnavailable, $"{(int)status} {body}");
            }
            catch (HttpRequestException dropped) when (holder == cluster.Silos[1])
            {
                // The killed silo was the one the request came in through: its client sees the connection drop (an
                // unknown outcome, as a load balancer would report it); the base is whole all the same (above).
                output.WriteLine($"create's connection dropped with its silo ({dropped.Message}); listed {listedAfter.TotalSeconds:F1} s after the kill");
            }

            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v2.1/workspace/{workspaceId}/dtable/") { Content = Bodies.Json(("name", name)) };
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(delete)).StatusCode);
            // Deletable: gone from the listing, in the trash (a new create of a "hold-" name would be held again).
            Assert.False(await ListedAsync(client, name));
            Assert.Contains(name, (await client.SendRawAsync(HttpMethod.Get, "/api/v2.1/trash-dtables/")).Body, StringComparison.Ordinal);
        }
        catch
        {
            output.WriteLine(cluster.LogsTail(60));
            throw;
        }
    }

    private static async Task<SiloProcess> WaitForHolderAsync(ProcessCluster cluster, string name)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (cluster.Silos.FirstOrDefault(s => s.Output.All().Contains($"holding after IWorkspaceGrain.TryAddBase {name}", StringComparison.Ordinal)) is { } holder)
            {
                return holder;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "no silo held the name claim");
            await Task.Delay(100);
        }
    }

    /// <summary>Null while the survivor still answers 503 (membership has not declared the dead silo yet).</summary>
    private static async Task<bool?> ListedAsync(HttpClient client, string name)
    {
        using var response = await client.GetAsync("/api/v2.1/workspaces/");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        return (await response.ReadJsonAsync(HttpStatusCode.OK))["workspace_list"]!.AsArray()
            .Where(w => w!["type"]?.GetValue<string>() == "personal")
            .SelectMany(w => w!["table_list"]!.AsArray()).Any(t => t!["name"]!.GetValue<string>() == name);
    }
}
