using System.Net;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

[Collection(SharedServerCollection.Name)]
public sealed class TrashTests_Sqlite(SharedServer server, ClassUsers users) : TrashTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class TrashTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : TrashTests(server, users);

/// <summary>The user trash: list, restore, empty (reference 6 "User-level … trash" and "Trash semantics", E13 order).</summary>
public abstract class TrashTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    /// <summary>A user of this test alone, so the trash counts are exact.</summary>
    private Task<ApiUser> FreshUserAsync() => ClassUsers.CreateAsync(Server, "trash");

    [SkippableFact]
    public async Task Deleted_bases_are_listed_newest_deletion_first_with_trash_fields()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var first = await client.CreateBaseAsync(NewBaseName("first"));
        var second = await client.CreateBaseAsync(NewBaseName("second"));
        var kept = await client.CreateBaseAsync(NewBaseName("kept"));
        await client.DeleteBaseAsync(user.WorkspaceId, first.Str("name"));
        await client.DeleteBaseAsync(user.WorkspaceId, second.Str("name"));

        var trash = await client.TrashAsync();

        Assert.Equal(2, trash.Long("count"));
        var list = trash.Objects("trash_dtable_list");
        Assert.Equal([second.Str("uuid"), first.Str("uuid")], list.Select(t => t.Str("uuid")));
        var entry = list[1];
        Assert.Equal(first.Str("name"), entry.Str("name"));
        Assert.Equal(first.Long("id"), entry.Long("id"));
        Assert.Equal(user.WorkspaceId, entry.Long("workspace_id"));
        Assert.True(entry["deleted"]!.GetValue<bool>());
        Assert.Matches(IsoTime(), entry.Str("delete_time"));
        Assert.Matches(IsoTime(), entry.Str("created_at"));
        Assert.Equal(user.Name, entry.Str("creator"));
        // Beyond SeaTable, as the admin listing: whole days before the purge (the default retention is 30 days).
        Assert.Equal(30, entry.Long("days_left"));
        Assert.DoesNotContain(list, t => t.Str("uuid") == kept.Str("uuid"));
    }

    [SkippableFact]
    public async Task A_new_user_has_an_empty_trash()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();

        var trash = await client.TrashAsync();

        Assert.Equal(0, trash.Long("count"));
        Assert.Empty(trash.Objects("trash_dtable_list"));
    }

    [SkippableFact]
    public async Task Trash_pages_with_the_total_count()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        foreach (var i in Enumerable.Range(0, 3))
        {
            var name = NewBaseName($"p{i}");
            await client.CreateBaseAsync(name);
            await client.DeleteBaseAsync(user.WorkspaceId, name);
        }

        var all = await client.TrashListAsync();
        var page1 = await client.TrashAsync("?page=1&per_page=2");
        var page2 = await client.TrashAsync("?page=2&per_page=2");

        Assert.Equal(3, page1.Long("count"));
        Assert.Equal(3, page2.Long("count"));
        Assert.Equal(all.Take(2).Select(t => t.Str("uuid")), page1.Objects("trash_dtable_list").Select(t => t.Str("uuid")));
        Assert.Equal(all[2].Str("uuid"), Assert.Single(page2.Objects("trash_dtable_list")).Str("uuid"));
    }

    [SkippableTheory]
    [InlineData("?page=0")]
    [InlineData("?page=x")]
    [InlineData("?per_page=0")]
    [InlineData("?per_page=x")]
    [InlineData("?page=-1")]
    public async Task Trash_refuses_bad_paging(string query)
    {
        var user = await users.GetAsync(Server, "paging");
        using var client = user.Client();

        var body = await client.GetJsonAsync(Trash + query, HttpStatusCode.BadRequest);

        AssertError(body, "per_page or page invalid.");
    }

    [SkippableFact]
    public async Task Restore_puts_the_base_back_with_the_same_uuid_and_id()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var name = NewBaseName("back");
        var created = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);

        var body = await client.CallAsync(HttpMethod.Put, RestoreUrl(created.Long("id")), null, HttpStatusCode.OK);

        Assert.Equal("""{"success":true}""", body.ToJsonString());
        var restored = await client.FindOwnBaseAsync(name);
        Assert.NotNull(restored);
        Assert.Equal(created.Str("uuid"), restored.Str("uuid"));
        Assert.Equal(created.Long("id"), restored.Long("id"));
        Assert.Equal(created.Str("created_at"), restored.Str("created_at"));
        Assert.Equal(0, (await client.TrashAsync()).Long("count"));
    }

    [SkippableFact]
    public async Task Restore_accepts_a_json_body_and_no_trailing_slash()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var name = NewBaseName("json");
        var created = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);

        await client.CallAsync(HttpMethod.Put, $"{Trash}{created.Long("id")}", Bodies.RawJson("{}"), HttpStatusCode.OK);

        Assert.Equal(created.Str("uuid"), (await client.FindOwnBaseAsync(name)).Str("uuid"));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Restore_when_a_live_base_holds_the_name_is_refused(bool differentCase)
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var name = NewBaseName("Clash");
        var trashed = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
        var holder = await client.CreateBaseAsync(differentCase ? name.ToUpperInvariant() : name);

        var body = await client.CallAsync(HttpMethod.Put, RestoreUrl(trashed.Long("id")), null, HttpStatusCode.BadRequest);

        AssertError(body, $"Table with name \"{name}\" exists.");
        var live = Assert.Single(await client.OwnBasesAsync());
        Assert.Equal(holder.Str("uuid"), live.Str("uuid"));
        var stillTrashed = Assert.Single(await client.TrashListAsync());
        Assert.Equal(trashed.Str("uuid"), stillTrashed.Str("uuid"));
    }

    [SkippableFact]
    public async Task Restore_after_the_holder_is_renamed_succeeds()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var name = NewBaseName("later");
        var trashed = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
        await client.CreateBaseAsync(name);
        await client.CallAsync(HttpMethod.Put, RestoreUrl(trashed.Long("id")), null, HttpStatusCode.BadRequest);
        await client.CallAsync(HttpMethod.Put, WorkspaceDTable(user.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", name + " (2)")), HttpStatusCode.OK);

        await client.CallAsync(HttpMethod.Put, RestoreUrl(trashed.Long("id")), null, HttpStatusCode.OK);

        Assert.Equal(trashed.Str("uuid"), (await client.FindOwnBaseAsync(name)).Str("uuid"));
        Assert.NotNull(await client.FindOwnBaseAsync(name + " (2)"));
    }

    [SkippableFact]
    public async Task Restore_of_an_unknown_or_live_base_is_404()
    {
        var user = await users.GetAsync(Server, "restorer");
        using var client = user.Client();
        var live = await client.CreateBaseAsync(NewBaseName("live"));

        var unknown = await client.CallAsync(HttpMethod.Put, RestoreUrl(987654321), null, HttpStatusCode.NotFound);
        var notTrashed = await client.CallAsync(HttpMethod.Put, RestoreUrl(live.Long("id")), null, HttpStatusCode.NotFound);

        AssertError(unknown, "Base not found.");
        AssertError(notTrashed, "Base not found.");
        Assert.NotNull(await client.FindOwnBaseAsync(live.Str("name")));
    }

    [SkippableTheory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task Restore_with_a_non_integer_id_is_400(string id)
    {
        var user = await users.GetAsync(Server, "restorer");
        using var client = user.Client();

        var body = await client.CallAsync(HttpMethod.Put, $"{Trash}{id}/", null, HttpStatusCode.BadRequest);

        Assert.StartsWith("dtable_id invalid", body.Str("error_msg"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Empty_trash_purges_everything_for_good()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var a = await client.CreateBaseAsync(NewBaseName("a"));
        var b = await client.CreateBaseAsync(NewBaseName("b"));
        var kept = await client.CreateBaseAsync(NewBaseName("kept"));
        await client.DeleteBaseAsync(user.WorkspaceId, a.Str("name"));
        await client.DeleteBaseAsync(user.WorkspaceId, b.Str("name"));

        var body = await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK);

        Assert.Equal("""{"success":true}""", body.ToJsonString());
        var trash = await client.TrashAsync();
        Assert.Equal(0, trash.Long("count"));
        Assert.Empty(trash.Objects("trash_dtable_list"));
        AssertError(await client.CallAsync(HttpMethod.Put, RestoreUrl(a.Long("id")), null, HttpStatusCode.NotFound), "Base not found.");
        AssertError(await client.CallAsync(HttpMethod.Put, RestoreUrl(b.Long("id")), null, HttpStatusCode.NotFound), "Base not found.");
        var live = Assert.Single(await client.OwnBasesAsync());
        Assert.Equal(kept.Str("uuid"), live.Str("uuid"));
    }

    [SkippableFact]
    public async Task Empty_trash_frees_nothing_it_should_not_and_a_purged_name_can_be_reused()
    {
        var user = await FreshUserAsync();
        using var client = user.Client();
        var name = NewBaseName("purged");
        var old = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(user.WorkspaceId, name);
        await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK);

        var again = await client.CreateBaseAsync(name);

        Assert.NotEqual(old.Str("uuid"), again.Str("uuid"));
        Assert.Equal(0, (await client.TrashAsync()).Long("count"));
    }

    [SkippableFact]
    public async Task Empty_trash_when_it_is_empty_succeeds()
    {
        var user = await users.GetAsync(Server, "empty");
        using var client = user.Client();

        var body = await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK);

        AssertSuccess(body);
    }

    [SkippableFact]
    public async Task Trash_is_per_user()
    {
        var owner = await FreshUserAsync();
        var other = await FreshUserAsync();
        using var ownerClient = owner.Client();
        using var otherClient = other.Client();
        var name = NewBaseName("mine");
        await ownerClient.CreateBaseAsync(name);
        await ownerClient.DeleteBaseAsync(owner.WorkspaceId, name);

        var otherTrash = await otherClient.TrashAsync();

        Assert.Equal(0, otherTrash.Long("count"));
        Assert.Single(await ownerClient.TrashListAsync());
    }

    [SkippableFact]
    public async Task Trash_calls_need_authentication()
    {
        using var client = Server.Factory.CreateClient();

        AssertDetail(await client.GetJsonAsync(Trash, HttpStatusCode.Forbidden), NotAuthenticated);
        AssertDetail(await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.Forbidden), NotAuthenticated);
        AssertDetail(await client.CallAsync(HttpMethod.Put, RestoreUrl(1), null, HttpStatusCode.Forbidden), NotAuthenticated);
    }
}
