using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace SeaTable.Bench;

/// <summary>
/// Seeds the listing benchmark: organizations and users through the API (real grains and catalog rows),
/// then bases as catalog rows written straight into the database in one transaction. The admin listings
/// read only the catalog, so rows are what they measure; creating 100,000 bases through their grains would
/// only make the setup slower.
/// </summary>
public static class CatalogSeeder
{
    public sealed record SeededUser(string Id, long WorkspaceId, long OrgId);

    public static async Task<IReadOnlyList<SeededUser>> CreateUsersAsync(HttpClient http, string adminToken, int users, int organizations)
    {
        var orgIds = new List<long>();
        for (var i = 0; i < organizations; i++)
        {
            using var create = Authorized(HttpMethod.Post, "api/v2.1/admin/organizations/", adminToken, JsonContent.Create(new
            {
                org_name = $"bench-org-{i}", admin_email = $"bench-org-{i}@bench.local", password = "Bench-Passw0rd",
            }));
            var org = await (await http.SendAsync(create)).Content.ReadFromJsonAsync<JsonObject>();
            orgIds.Add(org!["org_id"]!.GetValue<long>());
        }

        // Half of the users are members of an organization, the other half have only personal workspaces.
        var created = new SeededUser[users];
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var orgId = i % 2 == 0 ? orgIds[i / 2 % orgIds.Count] : -1;
            var path = orgId > 0 ? $"api/v2.1/admin/organizations/{orgId}/users/" : "api/v2.1/admin/users/";
            using var create = Authorized(HttpMethod.Post, path, adminToken, JsonContent.Create(new { email = $"bench-user-{i}@bench.local", password = "Bench-Passw0rd" }));
            var user = await (await http.SendAsync(create, ct)).Content.ReadFromJsonAsync<JsonObject>(ct);
            created[i] = new SeededUser(user!["email"]!.GetValue<string>(), user["workspace_id"]!.GetValue<long>(), orgId);
        });
        return created;
    }

    /// <summary>Inserts the bases; every tenth is in the trash. Ids start far above those the server hands out.</summary>
    public static int InsertBases(string databasePath, IReadOnlyList<SeededUser> users, int bases)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Default Timeout=60");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO catalog_dtables (uuid, id, workspace_id, owner, org_id, name, creator, modifier, created_at, updated_at, deleted, delete_time, rows_count, version)
            VALUES ($uuid, $id, $ws, $owner, $org, $name, $owner, $owner, $created, $created, $deleted, $deleted_at, $rows, 1)
            """;
        var parameters = new[] { "$uuid", "$id", "$ws", "$owner", "$org", "$name", "$created", "$deleted", "$deleted_at", "$rows" }
            .ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter { ParameterName = n }));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < bases; i++)
        {
            var user = users[i % users.Count];
            var deleted = i % 10 == 0;
            parameters["$uuid"].Value = Guid.NewGuid().ToString();
            parameters["$id"].Value = 10_000_000L + i;
            parameters["$ws"].Value = user.WorkspaceId;
            parameters["$owner"].Value = user.Id;
            parameters["$org"].Value = user.OrgId;
            parameters["$name"].Value = string.Create(CultureInfo.InvariantCulture, $"bench-base-{i}");
            parameters["$created"].Value = now - (bases - i) * 1000L;
            parameters["$deleted"].Value = deleted ? 1 : 0;
            parameters["$deleted_at"].Value = deleted ? now - i : DBNull.Value;
            parameters["$rows"].Value = i % 1000;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return bases;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, HttpContent content)
    {
        var message = new HttpRequestMessage(method, path) { Content = content };
        message.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        return message;
    }
}
