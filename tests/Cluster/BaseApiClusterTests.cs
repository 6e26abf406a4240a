using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Cluster;

/// <summary>
/// The base API's writes on the PostgreSQL cluster, each made through one silo and read through another, as
/// a load balancer spreads a script's calls: columns (added, in a batch, with options and a cascade,
/// renamed, retyped), a copied table, a view with a filter, rows written into the new columns, links
/// replaced, a row locked (and its edit refused elsewhere), a comment, a copy of the base; then the whole
/// cluster restarts, every one of them reads back, and a temporary API token works across silos.
/// </summary>
public sealed class BaseApiClusterTests
{
    /// <summary>Names as written ("Name", "Age" are column names), not camel-cased as JsonContent's default would.</summary>
    private static readonly JsonSerializerOptions AsWritten = new();

    [SkippableFact]
    public async Task Every_base_api_write_made_on_one_silo_is_seen_on_another_and_survives_a_cluster_restart()
    {
        await TestPostgres.RequireAsync();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var cluster = new ProcessCluster(database);
        await cluster.StartAsync(2);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);

        var login = await ClusterHttp.LoginAsync(a, ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
        var workspaceId = (await Send(a, HttpMethod.Get, "/api/v2.1/workspaces/", login))["workspace_list"]!.AsArray()
            .First(w => w!["type"]!.GetValue<string>() == "personal")!["id"]!.GetValue<long>();
        var created = await Send(b, HttpMethod.Post, "/api/v2.1/dtables/", login, new { name = "cluster-api" }, HttpStatusCode.Created);
        var uuid = created["table"]!["uuid"]!.GetValue<string>();
        var apiToken = (await Send(a, HttpMethod.Post, $"/api/v2.1/workspace/{workspaceId}/dtable/cluster-api/api-tokens/", login,
            new { app_name = "cluster", permission = "rw" }, HttpStatusCode.Created))["api_token"]!.GetValue<string>();
        var jwt = (await Send(b, HttpMethod.Get, "/api/v2.1/dtable/app-access-token/", apiToken))["access_token"]!.GetValue<string>();
        string V1(string path) => $"/dtable-server/api/v1/dtables/{uuid}/{path}";
        string Gw(string path) => $"/api-gateway/api/v2/dtables/{uuid}/{path}";

        // Tables and columns, then rows written into them through the other silo.
        await Send(a, HttpMethod.Post, V1("tables/"), jwt, new { table_name = "People" });
        await Send(a, HttpMethod.Post, V1("columns/"), jwt, new { table_name = "Table1", column_name = "Age", column_type = "number" });
        await Send(b, HttpMethod.Post, V1("columns/"), jwt, new
        {
            table_name = "Table1", column_name = "Team", column_type = "link", column_data = new { table = "Table1", other_table = "People" },
        });
        var rows = (await Send(b, HttpMethod.Post, Gw("rows/"), jwt, new
        {
            table_name = "Table1", rows = new object[] { new { Name = "old", Age = 70 }, new { Name = "young", Age = 7 } },
        }))["row_ids"]!.AsArray().Select(r => r is JsonObject row ? row["_id"]!.GetValue<string>() : r!.GetValue<string>()).ToList();
        var person = (await Send(a, HttpMethod.Post, V1("rows/"), jwt, new { table_name = "People", row = new { Name = "Ada" } }))["_id"]!.GetValue<string>();
        var columns = (await Send(a, HttpMethod.Get, V1("columns/?table_name=Table1"), jwt))["columns"]!.AsArray();
        var linkId = columns.First(c => c!["name"]!.GetValue<string>() == "Team")!["data"]!["link_id"]!.GetValue<string>();

        // A select column with options and a cascade, a retyped and a moved column, a copied table.
        await Send(b, HttpMethod.Post, V1("columns/"), jwt, new { table_name = "Table1", column_name = "Stage", column_type = "single-select" });
        await Send(a, HttpMethod.Post, V1("column-options/"), jwt, new
        {
            table_name = "Table1", column = "Stage", options = new[] { new { name = "plan", color = "#aaa", textColor = "#000" } },
        });
        await Send(a, HttpMethod.Post, V1("batch-append-columns/"), jwt, new
        {
            table_name = "Table1", columns = new[] { new { column_name = "Notes", column_type = "text" }, new { column_name = "Labels", column_type = "multiple-select" } },
        });
        await Send(b, HttpMethod.Post, V1("column-cascade-settings/"), jwt, new
        {
            table_name = "Table1", child_column = "Labels", parent_column = "Stage", cascade_settings = new { plan = Array.Empty<string>() },
        });
        await Send(a, HttpMethod.Put, V1("columns/"), jwt, new { table_name = "Table1", op_type = "rename_column", column = "Notes", new_column_name = "Remarks" });
        await Send(b, HttpMethod.Put, V1("columns/"), jwt, new { table_name = "Table1", op_type = "modify_column_type", column = "Remarks", new_column_type = "number" });
        await Send(a, HttpMethod.Post, V1("tables/duplicate-table/"), jwt, new { table_name = "People", is_duplicate_records = true });

        // A view with a filter, used through the other silo.
        await Send(a, HttpMethod.Post, V1("views/?table_name=Table1"), jwt, new { name = "Adults" });
        await Send(b, HttpMethod.Put, V1("views/Adults/?table_name=Table1"), jwt, new
        {
            filters = new[] { new { column_key = columns.First(c => c!["name"]!.GetValue<string>() == "Age")!["key"]!.GetValue<string>(), filter_predicate = "greater", filter_term = 18 } },
        });

        // Links replaced, a row locked, a comment.
        await Send(b, HttpMethod.Put, V1("links/"), jwt, new
        {
            link_id = linkId, table_name = "Table1", other_table_name = "People", row_id = rows[0], other_rows_ids = new[] { person },
        });
        await Send(a, HttpMethod.Put, V1("lock-rows/"), jwt, new { table_name = "Table1", row_ids = new[] { rows[1] } });
        using (var refused = await Request(b, HttpMethod.Put, V1("rows/"), jwt, new { table_name = "Table1", row_id = rows[1], row = new { Age = 8 } }))
        {
            Assert.True((int)refused.StatusCode is >= 400 and < 500, $"a locked row was edited through the other silo: {(int)refused.StatusCode}");
        }

        await Send(b, HttpMethod.Post, $"/api/v2.1/dtables/{uuid}/comments/", login, new { row_id = rows[0], comment = "checked on silo b" }, HttpStatusCode.Created);

        // A copy of the base, made on one silo.
        var copy = await Send(a, HttpMethod.Post, "/api/v2.1/dtable-copy/", login, new { src_workspace_id = workspaceId, name = "cluster-api", dst_workspace_id = workspaceId });
        var copyName = copy["dtable"]!["name"]!.GetValue<string>();
        Assert.Equal("cluster-api(copy)", copyName);

        async Task CheckAsync(SiloProcess silo, string token, string jwtNow)
        {
            var adults = (await Send(silo, HttpMethod.Get, V1("rows/?table_name=Table1&view_name=Adults"), jwtNow))["rows"]!.AsArray();
            Assert.Equal(["old"], adults.Select(r => r!["Name"]!.GetValue<string>()));
            var old = await Send(silo, HttpMethod.Get, V1($"rows/{rows[0]}/?table_name=Table1"), jwtNow);
            Assert.Equal(70, old["Age"]!.GetValue<double>());
            Assert.Contains(person, old["Team"]!.AsArray().Select(l => l is JsonObject link ? link["row_id"]!.GetValue<string>() : l!.GetValue<string>()));
            var young = await Send(silo, HttpMethod.Get, V1($"rows/{rows[1]}/?table_name=Table1"), jwtNow);
            Assert.True(young["_locked"]!.GetValue<bool>());
            Assert.Equal(7, young["Age"]!.GetValue<double>());
            var comments = await Send(silo, HttpMethod.Get, $"/api/v2.1/dtables/{uuid}/comments/?row_id={rows[0]}", token);
            Assert.Contains("checked on silo b", comments.ToJsonString(), StringComparison.Ordinal);
            var stage = (await Send(silo, HttpMethod.Get, V1("columns/?table_name=Table1"), jwtNow))["columns"]!.AsArray()
                .Select(c => c!.AsObject()).ToDictionary(c => c["name"]!.GetValue<string>());
            Assert.Equal("plan", stage["Stage"]["data"]!["options"]![0]!["name"]!.GetValue<string>());
            Assert.Equal("number", stage["Remarks"]["type"]!.GetValue<string>());
            Assert.Equal(stage["Stage"]["key"]!.GetValue<string>(), stage["Labels"]["data"]!["cascade_column_key"]!.GetValue<string>());
            var tables = (await Send(silo, HttpMethod.Get, V1("metadata/"), jwtNow))["metadata"]!["tables"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());
            Assert.Contains("People(copy)", tables);
            var workspaces = (await Send(silo, HttpMethod.Get, "/api/v2.1/workspaces/", token)).ToJsonString();
            Assert.Contains(copyName, workspaces, StringComparison.Ordinal);
        }

        await CheckAsync(b, login, jwt);
        await CheckAsync(a, login, jwt);

        await cluster.StopAllAsync();
        await cluster.StartAsync(2);
        var restarted = cluster.Silos.Where(s => !s.HasExited).ToList();
        var loginAgain = await ClusterHttp.LoginAsync(restarted[0], ProcessCluster.AdminEmail, ProcessCluster.AdminPassword);
        var jwtAgain = (await Send(restarted[1], HttpMethod.Get, "/api/v2.1/dtable/app-access-token/", apiToken))["access_token"]!.GetValue<string>();
        await CheckAsync(restarted[1], loginAgain, jwtAgain);

        // A temporary API token asked on one silo is exchanged on the other.
        var temp = (await Send(restarted[0], HttpMethod.Get, $"/api/v2.1/workspace/{workspaceId}/dtable/cluster-api/temp-api-token/", loginAgain))["api_token"]!.GetValue<string>();
        var tempJwt = (await Send(restarted[1], HttpMethod.Get, "/api/v2.1/dtable/app-access-token/", temp))["access_token"]!.GetValue<string>();
        await CheckAsync(restarted[0], loginAgain, tempJwt);
    }

    private static async Task<HttpResponseMessage> Request(SiloProcess silo, HttpMethod method, string path, string token, object? body = null)
    {
        using var http = ClusterHttp.Client(silo);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: AsWritten);
        }

        return await http.SendAsync(request);
    }

    private static async Task<JsonNode> Send(SiloProcess silo, HttpMethod method, string path, string token, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Request(silo, method, path, token, body);
        return await response.ReadJsonAsync(expected);
    }
}
