using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.AdminDTables;

[Collection(SharedServerCollection.Name)]
public sealed class CatalogConsistencyTests_Sqlite(SharedServer server) : CatalogConsistencyTests(server);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class CatalogConsistencyTests_PostgreSql(PostgresSharedServer server) : CatalogConsistencyTests(server);

/// <summary>
/// The admin listings read the catalog, the user's own views read the grains. After a storm of concurrent
/// creates, renames, deletes, restores (user and admin) and trash emptying on a few shared names, both must
/// show exactly the same bases, live and trashed.
/// </summary>
public abstract class CatalogConsistencyTests(ServerFixture server) : ApiTests(server)
{
    private const int Workers = 4;
    private const int OperationsPerWorker = 30;

    [SkippableFact]
    public async Task Concurrent_changes_leave_the_catalog_equal_to_the_grains()
    {
        var user = await ClassUsers.CreateAsync(Server, "storm");
        using var admin = await Server.CreateAdminClientAsync();
        var names = Enumerable.Range(0, 5).Select(i => $"storm-{i}").ToArray();
        var unexpected = new List<string>();

        async Task Worker(int seed)
        {
            var random = new Random(seed);
            using var client = user.Client();
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                var name = names[random.Next(names.Length)];
                var (status, body) = random.Next(10) switch
                {
                    0 or 1 or 2 => await client.SendRawAsync(HttpMethod.Post, "/api/v2.1/dtables/", Bodies.Form(("name", name))),
                    3 or 4 => await client.SendRawAsync(HttpMethod.Put, WorkspaceDTable(user.WorkspaceId),
                        Bodies.Form(("old_name", name), ("new_name", names[random.Next(names.Length)]))),
                    5 or 6 => await client.SendRawAsync(HttpMethod.Delete, WorkspaceDTable(user.WorkspaceId), Bodies.Json(("name", name))),
                    7 => await RestoreAnyAsync(client, random, admin: false),
                    8 => await RestoreAnyAsync(admin, random, admin: true),
                    _ => random.Next(3) == 0
                        ? await client.SendRawAsync(HttpMethod.Delete, "/api/v2.1/trash-dtables/")
                        : await client.SendRawAsync(HttpMethod.Get, "/api/v2.1/workspaces/"),
                };
                if ((int)status >= 500)
                {
                    lock (unexpected)
                    {
                        unexpected.Add($"{(int)status}: {body}");
                    }
                }
            }
        }

        async Task<(HttpStatusCode, string)> RestoreAnyAsync(HttpClient caller, Random random, bool admin)
        {
            using var reader = user.Client();
            var trash = await reader.TrashListAsync();
            if (trash.Count == 0)
            {
                return (HttpStatusCode.OK, "");
            }

            var id = trash[random.Next(trash.Count)].Long("id");
            return await caller.SendRawAsync(HttpMethod.Put, admin ? $"/api/v2.1/admin/trash-dtables/{id}/" : RestoreUrl(id));
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => Worker(1000 + w))));
        Assert.Empty(unexpected);

        using var owner = user.Client();
        var grainLive = Pairs(await owner.OwnBasesAsync());
        var grainTrash = Pairs(await owner.TrashListAsync());
        var catalogLive = Pairs((await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?per_page=1000")).Objects("dtable_list"));
        var catalogTrash = Pairs((await admin.GetJsonAsync($"/api/v2.1/admin/trash-dtables/?per_page=1000&owner={user.Id}")).Objects("trash_dtable_list"));

        Assert.Equal(grainLive, catalogLive);
        Assert.Equal(grainTrash, catalogTrash);
        Assert.Empty(grainLive.Select(p => p.Uuid).Intersect(grainTrash.Select(p => p.Uuid)));
        Assert.Equal(grainLive.Count, grainLive.Select(p => p.Name).Distinct().Count());
    }

    private static List<(string Uuid, string Name)> Pairs(IEnumerable<JsonObject> tables) =>
        tables.Select(t => (t.Str("uuid"), t.Str("name"))).Order().ToList();
}
