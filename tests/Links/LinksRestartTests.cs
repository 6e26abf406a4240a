using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Cluster;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.Links.LinkCalls;
using static SeaTable.Tests.Rows.RowCalls;

namespace SeaTable.Tests.Links;

/// <summary>
/// Every new write of issue 14's links and rows part survives a stop and a start on the same storage: link
/// additions, replacements and batch updates, row locks, and a duplicated table (SQLite and PostgreSQL).
/// The log replay of the same operations is pinned by <see cref="LinkOpLogTests"/>.
/// </summary>
public sealed class LinksRestartTests
{
    [SkippableTheory]
    [InlineData("SQLite")]
    [InlineData("PostgreSQL")]
    public async Task Links_locks_and_copies_survive_a_restart(string storage)
    {
        TestDatabase? database = null;
        var settings = new Dictionary<string, string?>();
        if (storage == "PostgreSQL")
        {
            await TestPostgres.RequireAsync();
            database = await TestPostgres.CreateDatabaseAsync();
            settings["SeaTable:Storage:Provider"] = "PostgreSQL";
            settings["ConnectionStrings:SeaTable"] = database.ConnectionString;
            settings["SeaTable:Orleans:ClusterId"] = database.Name;
        }

        var dataDir = TestFolders.NewTempFolder("links-restart");
        try
        {
            LinkedBase l;
            string before, tablesBefore;
            await using (var first = new SeaTableAppFactory(dataDir, settings) { KeepDataDir = true })
            {
                using var admin = first.CreateClient(await first.LoginAdminAsync());
                var account = await first.CreateUserAndLoginAsync(admin, "restart");
                using var user = first.CreateClient(account.Token);
                var info = await user.GetJsonAsync(AccountInfo);
                var owner = new ApiUser(account, info.Str("name"), info.Long("workspace_id"), first);
                HttpClient client;
                (l, client) = await owner.NewLinkedBaseAsync();
                using var _ = client;
                var (p, people) = (l.Projects, l.People);
                await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("links/"), new JsonObject
                {
                    ["link_id"] = l.LinkId, ["table_name"] = "Projects", ["other_table_name"] = "Table1",
                    ["other_rows_ids_map"] = Map((p[0], [people[0], people[1]]), (p[1], [people[2]])),
                });
                await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("links/"), new JsonObject
                {
                    ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId, ["row_id"] = p[0], ["other_rows_ids"] = new JsonArray(people[2]),
                });
                await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("batch-update-links/"), new JsonObject
                {
                    ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId,
                    ["row_id_list"] = new JsonArray(p[1], p[2]), ["other_rows_ids_map"] = Map((p[2], [people[0]])),
                });
                await client.SendJsonAsync(HttpMethod.Delete, l.Base.V2("links/", gateway: true), new JsonObject
                {
                    ["link_id"] = l.LinkId, ["table_id"] = l.ProjectsId, ["other_table_id"] = l.PeopleId, ["other_rows_ids_map"] = Map((p[0], [people[2]])),
                });
                await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("lock-rows/"), new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(people[0], people[1]) });
                await client.SendJsonAsync(HttpMethod.Put, l.Base.V1("unlock-rows/"), new JsonObject { ["table_name"] = "Table1", ["row_ids"] = new JsonArray(people[1]) });
                await client.SendJsonAsync(HttpMethod.Post, l.Base.V1("tables/duplicate-table/"), new JsonObject { ["table_name"] = "Projects", ["is_duplicate_records"] = true });
                before = await SnapshotAsync(client, l);
                tablesBefore = (await client.GetJsonAsync(l.Base.V1("metadata/")))["metadata"]!["tables"]!.ToJsonString();
                var links = await client.ProjectLinksAsync(l);
                Assert.Empty(links[p[0]]);
                Assert.Empty(links[p[1]]);
                Assert.Equal([people[0]], links[p[2]]);
            }

            await using var second = new SeaTableAppFactory(dataDir, settings);
            using var after = second.BaseClient(l.Base.Jwt);
            Assert.Equal(before, await SnapshotAsync(after, l));
            Assert.Equal(tablesBefore, (await after.GetJsonAsync(l.Base.V1("metadata/")))["metadata"]!["tables"]!.ToJsonString());
            var person = await after.GetJsonAsync(l.Base.V1($"rows/{l.People[0]}/?table_name=Table1"));
            Assert.True(person["_locked"]!.GetValue<bool>());
            Assert.Null((await after.GetJsonAsync(l.Base.V1($"rows/{l.People[1]}/?table_name=Table1")))["_locked"]);
            var (status, body) = await after.FailAsync(HttpMethod.Put, l.Base.V1("rows/"),
                $$$"""{"table_name": "Table1", "row_id": "{{{l.People[0]}}}", "row": {"Name": "changed"}}""");
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, status);
            Assert.Equal("row_locked", body.Str("error_type"));
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>Every table's rows as the API lists them (links included).</summary>
    private static async Task<string> SnapshotAsync(HttpClient client, LinkedBase l)
    {
        var all = new JsonObject();
        foreach (var table in new[] { "Table1", "Projects", "Projects(copy)" })
        {
            all[table] = new JsonArray([.. (await client.ListRowsAsync(l.Base, table)).Select(r => (JsonNode)r.DeepClone())]);
        }

        return all.ToJsonString();
    }
}
