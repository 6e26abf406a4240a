using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

[Collection(SharedServerCollection.Name)]
public sealed class ShareTests_Sqlite(SharedServer server, ClassUsers users) : ShareTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ShareTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ShareTests(server, users);

/// <summary>Sharing a base with a user (reference 1.7, 8.3 "shared" entry; 6 "Trash semantics" for trashed shared bases).</summary>
public abstract class ShareTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> OwnerAsync() => users.GetAsync(Server, "sharer");

    /// <summary>A new target for each test, so its shared lists hold only what the test shared.</summary>
    private Task<ApiUser> NewTargetAsync() => ClassUsers.CreateAsync(Server, "target");

    private async Task<(ApiUser Owner, string Name, JsonObject Table)> NewBaseAsync(string? name = null)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        name ??= NewBaseName("shared");
        var table = await client.CreateBaseAsync(name);
        return (owner, name, table);
    }

    [SkippableTheory]
    [InlineData(BodyKind.Form, false)]
    [InlineData(BodyKind.Json, false)]
    [InlineData(BodyKind.Multipart, true)]
    [InlineData(BodyKind.Json, true)]
    public async Task Share_by_user_id_or_contact_email_shows_the_base_to_the_target(BodyKind kind, bool byContactEmail)
    {
        var (owner, name, table) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();

        var body = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Of(kind, ("email", byContactEmail ? target.Email.ToUpperInvariant() : target.Id), ("permission", "r")), HttpStatusCode.Created);

        Assert.Equal("""{"success":true}""", body.ToJsonString());
        using var targetClient = target.Client();
        var inWorkspaces = Assert.Single(await targetClient.SharedInWorkspacesAsync());
        var inShared = Assert.Single(await targetClient.SharedDTablesAsync());
        foreach (var entry in new[] { inWorkspaces, inShared })
        {
            Assert.Equal(table.Str("uuid"), entry.Str("uuid"));
            Assert.Equal(table.Long("id"), entry.Long("id"));
            Assert.Equal(name, entry.Str("name"));
            Assert.Equal(owner.WorkspaceId, entry.Long("workspace_id"));
            Assert.Equal("r", entry.Str("permission"));
            Assert.Equal(owner.Id, entry.Str("from_user"));
            Assert.Equal(owner.Name, entry.Str("from_user_name"));
        }

        // The target's own workspace does not gain the base.
        Assert.DoesNotContain(await targetClient.OwnBasesAsync(), t => t.Str("uuid") == table.Str("uuid"));
    }

    [SkippableFact]
    public async Task Share_list_shows_each_user_with_id_contact_email_and_permission()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var reader = await NewTargetAsync();
        var writer = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, reader.Id, "r");
        await client.ShareAsync(owner.WorkspaceId, name, writer.Email, "rw");

        var list = await client.SharesAsync(owner.WorkspaceId, name);

        Assert.Equal(2, list.Count);
        var r = Assert.Single(list, u => u.Str("email") == reader.Id);
        Assert.Equal(reader.Email, r.Str("contact_email"));
        Assert.Equal(reader.Name, r.Str("name"));
        Assert.Equal("r", r.Str("permission"));
        var w = Assert.Single(list, u => u.Str("email") == writer.Id);
        Assert.Equal(writer.Email, w.Str("contact_email"));
        Assert.Equal("rw", w.Str("permission"));
    }

    [SkippableFact]
    public async Task A_new_base_has_no_shares()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();

        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task Update_changes_the_permission_everywhere()
    {
        var (owner, name, table) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");

        var body = await client.CallAsync(HttpMethod.Put, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", target.Email), ("permission", "rw")), HttpStatusCode.OK);

        AssertSuccess(body);
        Assert.Equal("rw", Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("permission"));
        using var targetClient = target.Client();
        Assert.Equal("rw", Assert.Single(await targetClient.SharedInWorkspacesAsync()).Str("permission"));
        Assert.Equal("rw", Assert.Single(await targetClient.SharedDTablesAsync()).Str("permission"));
        Assert.Equal(table.Str("uuid"), Assert.Single(await targetClient.SharedDTablesAsync()).Str("uuid"));
    }

    [SkippableFact]
    public async Task Update_of_a_user_the_base_is_not_shared_with_is_404()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();

        var body = await client.CallAsync(HttpMethod.Put, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", target.Id), ("permission", "rw")), HttpStatusCode.NotFound);

        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
        using var targetClient = target.Client();
        Assert.Empty(await targetClient.SharedDTablesAsync());
    }

    [SkippableTheory]
    [InlineData("rw")]
    public async Task Sharing_again_with_another_permission_is_409_and_keeps_the_first_permission(string again)
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");

        var body = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", target.Email), ("permission", again)), HttpStatusCode.Conflict);

        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
        Assert.Equal("r", Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("permission"));
    }

    [SkippableFact]
    public async Task Concurrent_shares_with_one_user_make_exactly_one_share()
    {
        var (owner, name, _) = await NewBaseAsync();
        var target = await NewTargetAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = owner.Client();
            return (await client.SendRawAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
                Bodies.Form(("email", target.Id), ("permission", "r")))).Status;
        }));

        // The same share by the same owner is a retry: every one is answered 201 and there is one share.
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        using var ownerClient = owner.Client();
        Assert.Single(await ownerClient.SharesAsync(owner.WorkspaceId, name));
        using var targetClient = target.Client();
        Assert.Single(await targetClient.SharedDTablesAsync());
    }

    [SkippableTheory]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Json)]
    public async Task Remove_takes_the_base_out_of_the_targets_lists(BodyKind kind)
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        var other = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "rw");
        await client.ShareAsync(owner.WorkspaceId, name, other.Id, "r");

        var body = await client.CallAsync(HttpMethod.Delete, ShareUrl(owner.WorkspaceId, name), Bodies.Of(kind, ("email", target.Id)), HttpStatusCode.OK);

        AssertSuccess(body);
        using var targetClient = target.Client();
        Assert.Empty(await targetClient.SharedInWorkspacesAsync());
        Assert.Empty(await targetClient.SharedDTablesAsync());
        Assert.Equal(other.Id, Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("email"));
        using var otherClient = other.Client();
        Assert.Single(await otherClient.SharedDTablesAsync());
    }

    [SkippableFact]
    public async Task Remove_of_a_user_the_base_is_not_shared_with_is_404()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();

        var body = await client.CallAsync(HttpMethod.Delete, ShareUrl(owner.WorkspaceId, name), Bodies.Form(("email", target.Id)), HttpStatusCode.NotFound);

        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
    }

    [SkippableFact]
    public async Task Share_after_remove_works_again()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");
        await client.CallAsync(HttpMethod.Delete, ShareUrl(owner.WorkspaceId, name), Bodies.Form(("email", target.Id)), HttpStatusCode.OK);

        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "rw");

        using var targetClient = target.Client();
        Assert.Equal("rw", Assert.Single(await targetClient.SharedDTablesAsync()).Str("permission"));
    }

    [SkippableFact]
    public async Task Share_with_an_unknown_user_is_404()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var nobody = ApiHelpers.NewEmail("nobody");

        var byEmail = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", nobody), ("permission", "r")), HttpStatusCode.NotFound);
        var byId = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", "0123456789abcdef0123456789abcdef@auth.local"), ("permission", "r")), HttpStatusCode.NotFound);

        Assert.False(string.IsNullOrEmpty(byEmail.Str("error_msg")));
        Assert.False(string.IsNullOrEmpty(byId.Str("error_msg")));
        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
    }

    [SkippableTheory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("R")]
    [InlineData("admin")]
    [InlineData(null)]
    public async Task Share_with_a_bad_permission_is_400(string? permission)
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        (string, string)[] fields = permission is null ? [("email", target.Id)] : [("email", target.Id), ("permission", permission)];

        var add = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name), Bodies.Form(fields), HttpStatusCode.BadRequest);

        AssertError(add, "permission invalid.");
        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task Update_with_a_bad_permission_is_400_and_keeps_the_share()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");

        var body = await client.CallAsync(HttpMethod.Put, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", target.Id), ("permission", "x")), HttpStatusCode.BadRequest);

        AssertError(body, "permission invalid.");
        Assert.Equal("r", Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("permission"));
    }

    [SkippableFact]
    public async Task Share_without_email_is_400()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("permission", "r")), HttpStatusCode.BadRequest);

        AssertError(body, "email invalid.");
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Share_with_the_owner_is_400(bool byContactEmail)
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", byContactEmail ? owner.Email : owner.Id), ("permission", "rw")), HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
        Assert.DoesNotContain(await client.SharedDTablesAsync(), t => t.Str("name") == name);
    }

    [SkippableFact]
    public async Task Share_calls_on_an_unknown_base_are_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        var name = NewBaseName("ghost");
        var url = ShareUrl(owner.WorkspaceId, name);

        foreach (var (method, content) in new (HttpMethod, HttpContent?)[]
        {
            (HttpMethod.Get, null),
            (HttpMethod.Post, Bodies.Form(("email", target.Id), ("permission", "r"))),
            (HttpMethod.Put, Bodies.Form(("email", target.Id), ("permission", "r"))),
            (HttpMethod.Delete, Bodies.Form(("email", target.Id))),
        })
        {
            AssertError(await client.CallAsync(method, url, content, HttpStatusCode.NotFound), $"dtable {name} not found.");
        }

        using var targetClient = target.Client();
        Assert.Empty(await targetClient.SharedDTablesAsync());
    }

    [SkippableFact]
    public async Task Share_calls_in_an_unknown_workspace_are_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.GetJsonAsync(ShareUrl(987654321, "x"), HttpStatusCode.NotFound);

        AssertError(body, "Workspace 987654321 not found.");
    }

    [SkippableFact]
    public async Task A_name_with_spaces_and_unicode_works_in_the_share_path()
    {
        var (owner, name, table) = await NewBaseAsync($"Mein Projekt – Übersicht {Guid.NewGuid().ToString("N")[..6]}");
        using var client = owner.Client();
        var target = await NewTargetAsync();

        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "rw");

        Assert.Equal(target.Id, Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("email"));
        using var targetClient = target.Client();
        Assert.Equal(table.Str("uuid"), Assert.Single(await targetClient.SharedDTablesAsync()).Str("uuid"));
    }

    [SkippableFact]
    public async Task Renaming_a_shared_base_shows_the_new_name_to_the_target()
    {
        var (owner, name, table) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");
        var newName = NewBaseName("renamed");

        await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", newName)), HttpStatusCode.OK);

        using var targetClient = target.Client();
        var entry = Assert.Single(await targetClient.SharedDTablesAsync());
        Assert.Equal(newName, entry.Str("name"));
        Assert.Equal(table.Str("uuid"), entry.Str("uuid"));
        Assert.Equal("r", Assert.Single(await client.SharesAsync(owner.WorkspaceId, newName)).Str("permission"));
    }

    [SkippableFact]
    public async Task Trashing_a_shared_base_hides_it_from_the_target_and_restoring_brings_it_back()
    {
        var (owner, name, table) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        using var targetClient = target.Client();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "rw");

        await client.DeleteBaseAsync(owner.WorkspaceId, name);

        Assert.Empty(await targetClient.SharedInWorkspacesAsync());
        Assert.Empty(await targetClient.SharedDTablesAsync());
        // The target cannot reach the trashed base through the share calls either.
        AssertError(await targetClient.CallAsync(HttpMethod.Put, RestoreUrl(table.Long("id")), null, HttpStatusCode.NotFound), "Base not found.");

        await client.CallAsync(HttpMethod.Put, RestoreUrl(table.Long("id")), null, HttpStatusCode.OK);

        var back = Assert.Single(await targetClient.SharedInWorkspacesAsync());
        Assert.Equal(table.Str("uuid"), back.Str("uuid"));
        Assert.Equal("rw", back.Str("permission"));
        Assert.Equal(table.Str("uuid"), Assert.Single(await targetClient.SharedDTablesAsync()).Str("uuid"));
        Assert.Equal("rw", Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("permission"));
    }

    [SkippableFact]
    public async Task Purging_a_shared_base_removes_it_from_the_target_for_good()
    {
        var owner = await ClassUsers.CreateAsync(Server, "purger");
        using var client = owner.Client();
        var name = NewBaseName("purged");
        var table = await client.CreateBaseAsync(name);
        var target = await NewTargetAsync();
        using var targetClient = target.Client();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");
        await client.DeleteBaseAsync(owner.WorkspaceId, name);

        await client.CallAsync(HttpMethod.Delete, Trash, null, HttpStatusCode.OK);

        Assert.Empty(await targetClient.SharedDTablesAsync());
        await client.CallAsync(HttpMethod.Put, RestoreUrl(table.Long("id")), null, HttpStatusCode.NotFound);
        // A new base with the same name is not shared with anybody.
        await client.CreateBaseAsync(name);
        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
        Assert.Empty(await targetClient.SharedDTablesAsync());
    }

    [SkippableFact]
    public async Task A_base_deleted_and_recreated_under_the_same_name_is_not_shared()
    {
        var (owner, name, _) = await NewBaseAsync();
        using var client = owner.Client();
        var target = await NewTargetAsync();
        await client.ShareAsync(owner.WorkspaceId, name, target.Id, "r");
        await client.DeleteBaseAsync(owner.WorkspaceId, name);

        await client.CreateBaseAsync(name);

        Assert.Empty(await client.SharesAsync(owner.WorkspaceId, name));
        using var targetClient = target.Client();
        Assert.Empty(await targetClient.SharedDTablesAsync());
    }

    [SkippableFact]
    public async Task Shared_list_needs_authentication()
    {
        using var client = Server.Factory.CreateClient();

        AssertDetail(await client.GetJsonAsync(SharedDTables, HttpStatusCode.Forbidden), NotAuthenticated);
    }
}
