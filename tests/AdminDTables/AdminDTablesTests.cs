using System.Net;
using System.Net.Http.Json;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.AdminDTables;

[Collection(SharedServerCollection.Name)]
public sealed class AdminDTablesTests_Sqlite(SharedServer server, ClassUsers users) : AdminDTablesTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AdminDTablesTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AdminDTablesTests(server, users);

/// <summary>The system admin's base listings and trash restore (reference E9-E13), read from the catalog.</summary>
public abstract class AdminDTablesTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    public static TheoryData<string, string> AdminCalls => new()
    {
        { "GET", "/api/v2.1/admin/dtables/" },
        { "GET", "/api/v2.1/admin/users/nobody@example.com/dtables/" },
        { "GET", "/api/v2.1/admin/organizations/1/dtables/" },
        { "GET", "/api/v2.1/admin/trash-dtables/" },
        { "PUT", "/api/v2.1/admin/trash-dtables/1/" },
    };

    [SkippableFact]
    public async Task A_users_listing_counts_the_live_bases_of_the_personal_workspace()
    {
        var user = await ClassUsers.CreateAsync(Server, "listed");
        using var client = user.Client();
        var kept = await client.CreateBaseAsync(NewBaseName("kept"));
        var other = await client.CreateBaseAsync(NewBaseName("other"));
        var trashed = await client.CreateBaseAsync(NewBaseName("trashed"));
        await client.DeleteBaseAsync(user.WorkspaceId, trashed.Str("name"));
        using var admin = await Server.CreateAdminClientAsync();

        foreach (var key in new[] { user.Id, user.Email, user.Email.ToUpperInvariant() })
        {
            var body = await admin.GetJsonAsync($"/api/v2.1/admin/users/{Uri.EscapeDataString(key)}/dtables/");
            Assert.Equal(2, body.Long("count"));
            var list = body.Objects("dtable_list");
            Assert.Equal([kept.Str("uuid"), other.Str("uuid")], list.Select(t => t.Str("uuid")));
            Assert.Equal(-1, list[0].Long("org_id"));
            Assert.Equal(user.Name, list[0].Str("owner"));
            Assert.Equal(user.Id, list[0].Str("email"));
            Assert.Equal(user.Name, list[0].Str("creator"));
            Assert.Equal(3, list[0].Long("rows_count"));
            Assert.Matches(IsoTime(), list[0].Str("created_at"));
        }

        var paged = await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?per_page=1&page=2");
        Assert.Equal(2, paged.Long("count"));
        Assert.Equal([other.Str("uuid")], paged.Objects("dtable_list").Select(t => t.Str("uuid")));

        // SeaTable falls back to the defaults for values that are not positive integers.
        var fallback = await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?per_page=x&page=-1");
        Assert.Equal(2, fallback.Objects("dtable_list").Count);

        var unknown = await admin.GetJsonAsync("/api/v2.1/admin/users/nobody-at-all@example.com/dtables/");
        Assert.Equal(0, unknown.Long("count"));
        Assert.Empty(unknown.Objects("dtable_list"));
    }

    [SkippableFact]
    public async Task All_bases_are_paged_with_page_info_and_exclude_the_trash()
    {
        var user = await ClassUsers.CreateAsync(Server, "all");
        using var client = user.Client();
        var live = await client.CreateBaseAsync(NewBaseName("live"));
        await client.CreateBaseAsync(NewBaseName("live2"));
        var trashed = await client.CreateBaseAsync(NewBaseName("gone"));
        await client.DeleteBaseAsync(user.WorkspaceId, trashed.Str("name"));
        using var admin = await Server.CreateAdminClientAsync();

        var first = await admin.GetJsonAsync("/api/v2.1/admin/dtables/?per_page=1");
        Assert.True(first["page_info"]!["has_next_page"]!.GetValue<bool>());
        Assert.Equal(1, first["page_info"]!["current_page"]!.GetValue<int>());
        Assert.Single(first.Objects("dtables"));

        var uuids = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await admin.GetJsonAsync($"/api/v2.1/admin/dtables/?per_page=1000&page={page}");
            uuids.AddRange(body.Objects("dtables").Select(t => t.Str("uuid")));
            if (!body["page_info"]!["has_next_page"]!.GetValue<bool>())
            {
                break;
            }
        }

        Assert.Contains(live.Str("uuid"), uuids);
        Assert.DoesNotContain(trashed.Str("uuid"), uuids);
        Assert.Equal(uuids.Count, uuids.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await admin.SendRawAsync(HttpMethod.Get, "/api/v2.1/admin/dtables/?page=abc&per_page=-5")).Status);
    }

    [SkippableFact]
    public async Task An_organizations_listing_shows_its_members_bases_with_the_org_name()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var adminEmail = ApiHelpers.NewEmail("orgadmin");
        var org = await admin.CallAsync(HttpMethod.Post, "/api/v2.1/admin/organizations/",
            Bodies.Json(("org_name", "Listing Org"), ("admin_email", adminEmail), ("password", "Org-Passw0rd")), HttpStatusCode.OK);
        var orgId = org.Long("org_id");
        using var orgAdmin = Server.Factory.CreateClient(await Server.Factory.LoginAsync(adminEmail, "Org-Passw0rd"));
        var table = await orgAdmin.CreateBaseAsync(NewBaseName("org"));

        var body = await admin.GetJsonAsync($"/api/v2.1/admin/organizations/{orgId}/dtables/");
        Assert.Equal(1, body.Long("count"));
        var entry = Assert.Single(body.Objects("dtable_list"));
        Assert.Equal(table.Str("uuid"), entry.Str("uuid"));
        Assert.Equal(orgId, entry.Long("org_id"));
        Assert.Equal("Listing Org", entry.Str("org_name"));

        AssertError(await admin.CallAsync(HttpMethod.Get, "/api/v2.1/admin/organizations/0/dtables/", null, HttpStatusCode.BadRequest), "org_id invalid.");
        AssertError(await admin.CallAsync(HttpMethod.Get, "/api/v2.1/admin/organizations/987654/dtables/", null, HttpStatusCode.NotFound), "Organization 987654 not found.");
        AssertError(await admin.CallAsync(HttpMethod.Get, $"/api/v2.1/admin/organizations/{orgId}/dtables/?page=x", null, HttpStatusCode.BadRequest), "per_page or page invalid");
    }

    [SkippableFact]
    public async Task The_trash_lists_newest_deletion_first_and_a_restore_brings_the_base_back()
    {
        var user = await ClassUsers.CreateAsync(Server, "admintrash");
        using var client = user.Client();
        var older = await client.CreateBaseAsync(NewBaseName("older"));
        var newer = await client.CreateBaseAsync(NewBaseName("newer"));
        await client.DeleteBaseAsync(user.WorkspaceId, older.Str("name"));
        await Task.Delay(1100);
        await client.DeleteBaseAsync(user.WorkspaceId, newer.Str("name"));
        using var admin = await Server.CreateAdminClientAsync();

        var trash = await admin.GetJsonAsync("/api/v2.1/admin/trash-dtables/?per_page=1000");
        var uuids = trash.Objects("trash_dtable_list").Select(t => t.Str("uuid")).ToList();
        Assert.True(uuids.IndexOf(newer.Str("uuid")) >= 0 && uuids.IndexOf(newer.Str("uuid")) < uuids.IndexOf(older.Str("uuid")), "newest deletion first");
        var entry = trash.Objects("trash_dtable_list").Single(t => t.Str("uuid") == older.Str("uuid"));
        Assert.True(entry["deleted"]!.GetValue<bool>());
        Assert.Matches(IsoTime(), entry.Str("delete_time"));
        Assert.Equal(older.Str("name"), entry.Str("name"));
        Assert.True(trash.Long("count") >= 2);

        AssertSuccess(await admin.CallAsync(HttpMethod.Put, $"/api/v2.1/admin/trash-dtables/{older.Long("id")}/", null, HttpStatusCode.OK));
        var back = await client.FindOwnBaseAsync(older.Str("name"));
        Assert.Equal(older.Str("uuid"), back?.Str("uuid"));
        Assert.Equal(older.Long("id"), back?.Long("id"));
        AssertError(await admin.CallAsync(HttpMethod.Put, $"/api/v2.1/admin/trash-dtables/{older.Long("id")}/", null, HttpStatusCode.NotFound), "Table not found");

        // A live base now holds the trashed one's name: no restore.
        await client.CreateBaseAsync(newer.Str("name"));
        AssertError(await admin.CallAsync(HttpMethod.Put, $"/api/v2.1/admin/trash-dtables/{newer.Long("id")}/", null, HttpStatusCode.BadRequest),
            $"Table with name \"{newer.Str("name")}\" exists.");
        AssertError(await admin.CallAsync(HttpMethod.Put, "/api/v2.1/admin/trash-dtables/abc/", null, HttpStatusCode.BadRequest), "dtable_id invalid");
        AssertError(await admin.CallAsync(HttpMethod.Get, "/api/v2.1/admin/trash-dtables/?per_page=0", null, HttpStatusCode.BadRequest), "per_page or page invalid");
    }

    [SkippableTheory]
    [MemberData(nameof(AdminCalls))]
    public async Task Only_system_admins_may_call(string method, string path)
    {
        var user = await users.GetAsync(Server, "plain");
        using var client = user.Client();
        AssertDetail(await client.CallAsync(new HttpMethod(method), path, null, HttpStatusCode.Forbidden), "You do not have permission to perform this action.");
        using var anonymous = Server.Factory.CreateClient();
        AssertDetail(await anonymous.CallAsync(new HttpMethod(method), path, null, HttpStatusCode.Forbidden), "Authentication credentials were not provided.");
    }
}
