using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.AdminDTables;

[Collection(SharedServerCollection.Name)]
public sealed class AdminListingFilterTests_Sqlite(SharedServer server) : AdminListingFilterTests(server);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AdminListingFilterTests_PostgreSql(PostgresSharedServer server) : AdminListingFilterTests(server);

/// <summary>Beyond SeaTable: keyset paging (cursor / next_cursor) and filters on the admin listings, same shapes.</summary>
public abstract class AdminListingFilterTests(ServerFixture server) : ApiTests(server)
{
    [SkippableFact]
    public async Task A_cursor_walks_every_base_once_and_ends_with_a_null_next_cursor()
    {
        var user = await ClassUsers.CreateAsync(Server, "cursor");
        using var client = user.Client();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateBaseAsync(NewBaseName($"c{i}"))).Str("uuid"));
        }

        using var admin = await Server.CreateAdminClientAsync();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var body = await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?per_page=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.Equal(5, body.Long("count"));
            seen.AddRange(body.Objects("dtable_list").Select(t => t.Str("uuid")));
            cursor = body["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);

        // The same walk over all bases, filtered to this user, through E9.
        var all = await admin.GetJsonAsync($"/api/v2.1/admin/dtables/?per_page=4&owner={Uri.EscapeDataString(user.Email)}");
        Assert.Equal(created.Take(4), all.Objects("dtables").Select(t => t.Str("uuid")));
        Assert.True(all["page_info"]!["has_next_page"]!.GetValue<bool>());
        var rest = await admin.GetJsonAsync($"/api/v2.1/admin/dtables/?per_page=4&owner={user.Id}&cursor={all["next_cursor"]!.GetValue<string>()}");
        Assert.Equal(created.Skip(4), rest.Objects("dtables").Select(t => t.Str("uuid")));
        Assert.Null(rest["next_cursor"]?.GetValue<string>());
        Assert.False(rest["page_info"]!["has_next_page"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task The_trash_cursor_follows_deletion_order_and_shows_days_left()
    {
        var user = await ClassUsers.CreateAsync(Server, "trashcursor");
        using var client = user.Client();
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var name = NewBaseName($"t{i}");
            await client.CreateBaseAsync(name);
            await client.DeleteBaseAsync(user.WorkspaceId, name);
            names.Add(name);
            await Task.Delay(20);
        }

        using var admin = await Server.CreateAdminClientAsync();
        var first = await admin.GetJsonAsync($"/api/v2.1/admin/trash-dtables/?per_page=2&owner={user.Id}");
        Assert.Equal(3, first.Long("count"));
        var firstPage = first.Objects("trash_dtable_list");
        Assert.Equal([names[2], names[1]], firstPage.Select(t => t.Str("name")));
        Assert.Equal(30, firstPage[0].Long("days_left"));
        var second = await admin.GetJsonAsync($"/api/v2.1/admin/trash-dtables/?per_page=2&owner={user.Id}&cursor={first["next_cursor"]!.GetValue<string>()}");
        Assert.Equal([names[0]], second.Objects("trash_dtable_list").Select(t => t.Str("name")));
        Assert.Null(second["next_cursor"]?.GetValue<string>());
    }

    [SkippableFact]
    public async Task Name_and_date_filters_narrow_the_listing()
    {
        var user = await ClassUsers.CreateAsync(Server, "filters");
        using var client = user.Client();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var match = await client.CreateBaseAsync($"Report_{marker}_100%");
        await client.CreateBaseAsync($"other-{marker}");
        using var admin = await Server.CreateAdminClientAsync();

        // Substring, any case; "_" and "%" match themselves, not as LIKE wildcards.
        var byName = await admin.GetJsonAsync($"/api/v2.1/admin/dtables/?per_page=1000&name={Uri.EscapeDataString($"REPORT_{marker}_100%")}");
        Assert.Equal([match.Str("uuid")], byName.Objects("dtables").Select(t => t.Str("uuid")));
        var wildcard = await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?name={Uri.EscapeDataString("r_port")}");
        Assert.Equal(0, wildcard.Long("count"));

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"));
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?created_after={past}&created_before={future}")).Long("count"));
        Assert.Equal(0, (await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?created_after={future}")).Long("count"));
        Assert.Empty((await admin.GetJsonAsync($"/api/v2.1/admin/dtables/?owner=nobody-{marker}@example.com")).Objects("dtables"));
    }

    [SkippableFact]
    public async Task Name_filter_follows_renames_and_trash_and_takes_any_text()
    {
        // The name filter is answered through a trigram index (SQLite FTS5, PostgreSQL pg_trgm): it must
        // see renames and deletions at once, and texts the index cannot hold (short, quotes, operators).
        var user = await ClassUsers.CreateAsync(Server, "namesearch");
        using var client = user.Client();
        var marker = Guid.NewGuid().ToString("N")[..10];
        var quoted = await client.CreateBaseAsync($"Q\"{marker}\" AND x*");
        var renamed = await client.CreateBaseAsync($"before-{marker}");
        var trashed = await client.CreateBaseAsync($"bin-{marker}");
        using var admin = await Server.CreateAdminClientAsync();
        async Task<List<string>> Live(string text) =>
            (await admin.GetJsonAsync($"/api/v2.1/admin/dtables/?per_page=1000&name={Uri.EscapeDataString(text)}")).Objects("dtables").Select(t => t.Str("uuid")).ToList();
        async Task<List<string>> Trash(string text) =>
            (await admin.GetJsonAsync($"/api/v2.1/admin/trash-dtables/?per_page=1000&name={Uri.EscapeDataString(text)}")).Objects("trash_dtable_list").Select(t => t.Str("uuid")).ToList();

        Assert.Equal([quoted.Str("uuid")], await Live($"\"{marker}\" and X*"));
        Assert.Equal([renamed.Str("uuid")], await Live($"BEFORE-{marker}"));

        await client.CallAsync(HttpMethod.Put, WorkspaceDTable(user.WorkspaceId),
            Bodies.Form(("old_name", $"before-{marker}"), ("new_name", $"after-{marker}")), HttpStatusCode.OK);
        Assert.Empty(await Live($"before-{marker}"));
        Assert.Equal([renamed.Str("uuid")], await Live($"after-{marker}"));

        await client.DeleteBaseAsync(user.WorkspaceId, $"bin-{marker}");
        Assert.Empty(await Live($"bin-{marker}"));
        Assert.Equal([trashed.Str("uuid")], await Trash($"bin-{marker}"));

        // Shorter than a trigram: still a substring match (by a scan), here limited to the user's bases.
        var shortMatch = await admin.GetJsonAsync($"/api/v2.1/admin/users/{user.Id}/dtables/?name={Uri.EscapeDataString(marker[..2])}");
        Assert.Equal(3 - 1, shortMatch.Long("count"));
    }

    [SkippableTheory]
    [InlineData("/api/v2.1/admin/dtables/?cursor=%%%", "cursor invalid.")]
    [InlineData("/api/v2.1/admin/dtables/?cursor=bm90LWEtbnVtYmVy", "cursor invalid.")]
    [InlineData("/api/v2.1/admin/trash-dtables/?cursor=MTI", "cursor invalid.")]
    [InlineData("/api/v2.1/admin/dtables/?created_after=yesterday", "created_after invalid.")]
    [InlineData("/api/v2.1/admin/trash-dtables/?deleted_before=13/45/2020", "deleted_before invalid.")]
    [InlineData("/api/v2.1/admin/dtables/?org_id=x", "org_id invalid.")]
    public async Task Bad_cursors_and_filters_are_400(string path, string message)
    {
        using var admin = await Server.CreateAdminClientAsync();
        AssertError(await admin.CallAsync(HttpMethod.Get, path, null, HttpStatusCode.BadRequest), message);
    }
}
