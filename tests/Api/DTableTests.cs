using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

[Collection(SharedServerCollection.Name)]
public sealed class DTableTests_Sqlite(SharedServer server, ClassUsers users) : DTableTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class DTableTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : DTableTests(server, users);

/// <summary>Creating, listing, renaming and deleting bases (reference 1.6, 8.3-8.6, 6 "Trash semantics").</summary>
public abstract class DTableTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> OwnerAsync() => users.GetAsync(Server, "owner");

    private Task<ApiUser> OtherAsync() => users.GetAsync(Server, "other");

    private static List<string> Names(IEnumerable<JsonObject> tables) => [.. tables.Select(t => t.Str("name")).Order(StringComparer.Ordinal)];

    // ---- create ----

    [SkippableFact]
    public async Task Create_with_multipart_name_and_owner_returns_201_and_the_table_object()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName();

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name), ("owner", owner.Id)), HttpStatusCode.Created);

        var table = body["table"]!.AsObject();
        Assert.True(table.Long("id") > 0);
        Assert.Equal(owner.WorkspaceId, table.Long("workspace_id"));
        Assert.Matches(DashedUuid(), table.Str("uuid"));
        Assert.Equal(name, table.Str("name"));
        Assert.Equal(owner.Name, table.Str("creator"));
        Assert.Equal(owner.Name, table.Str("modifier"));
        Assert.Matches(IsoTime(), table.Str("created_at"));
        Assert.Matches(IsoTime(), table.Str("updated_at"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, table["id"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, table["workspace_id"]!.GetValueKind());

        var listed = await client.FindOwnBaseAsync(name);
        Assert.NotNull(listed);
        Assert.Equal(table.Str("uuid"), listed.Str("uuid"));
        Assert.Equal(table.Long("id"), listed.Long("id"));
    }

    [SkippableTheory]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.Multipart)]
    public async Task Create_accepts_every_body_encoding(BodyKind kind)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName(kind.ToString());

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Of(kind, ("name", name), ("owner", owner.Id)), HttpStatusCode.Created);

        Assert.Equal(name, body["table"].Str("name"));
        Assert.NotNull(await client.FindOwnBaseAsync(name));
    }

    [SkippableFact]
    public async Task Create_without_owner_uses_the_personal_workspace()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("noowner");

        var table = await client.CreateBaseAsync(name);

        Assert.Equal(await client.WorkspaceIdAsync(), table.Long("workspace_id"));
        Assert.NotNull(await client.FindOwnBaseAsync(name));
    }

    [SkippableFact]
    public async Task Create_with_own_workspace_id_or_contact_email_as_owner_works()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var byWorkspace = await client.CallAsync(HttpMethod.Post, DTables,
            Bodies.Form(("name", NewBaseName("ws")), ("workspace_id", owner.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            HttpStatusCode.Created);
        var byEmail = await client.CallAsync(HttpMethod.Post, DTables,
            Bodies.Form(("name", NewBaseName("email")), ("owner", owner.Email)), HttpStatusCode.Created);

        Assert.Equal(owner.WorkspaceId, byWorkspace["table"].Long("workspace_id"));
        Assert.Equal(owner.WorkspaceId, byEmail["table"].Long("workspace_id"));
    }

    [SkippableFact]
    public async Task Two_bases_get_different_ids_and_uuids()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var first = await client.CreateBaseAsync(NewBaseName());
        var second = await client.CreateBaseAsync(NewBaseName());

        Assert.NotEqual(first.Long("id"), second.Long("id"));
        Assert.NotEqual(first.Str("uuid"), second.Str("uuid"));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Duplicate_name_in_the_workspace_is_refused(bool differentCase)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("Dup");
        var original = await client.CreateBaseAsync(name);
        var again = differentCase ? name.ToUpperInvariant() : name;

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", again), ("owner", owner.Id)), HttpStatusCode.BadRequest);

        AssertError(body, $"Table {again} already exists in this workspace.");
        var bases = await client.OwnBasesAsync();
        var kept = Assert.Single(bases, t => string.Equals(t.Str("name"), name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(original.Str("uuid"), kept.Str("uuid"));
    }

    [SkippableFact]
    public async Task The_same_name_in_two_users_workspaces_is_fine()
    {
        var owner = await OwnerAsync();
        var other = await OtherAsync();
        using var ownerClient = owner.Client();
        using var otherClient = other.Client();
        var name = NewBaseName("same");

        var mine = await ownerClient.CreateBaseAsync(name);
        var theirs = await otherClient.CreateBaseAsync(name);

        Assert.NotEqual(mine.Str("uuid"), theirs.Str("uuid"));
        Assert.Equal(other.WorkspaceId, theirs.Long("workspace_id"));
    }

    public static TheoryData<string, string> InvalidNames => new()
    {
        { "missing", """{"owner":"{owner}"}""" },
        { "empty", """{"name":"","owner":"{owner}"}""" },
        { "whitespace", """{"name":"   ","owner":"{owner}"}""" },
        { "slash", """{"name":"a/b","owner":"{owner}"}""" },
        { "dot", """{"name":".","owner":"{owner}"}""" },
        { "dotdot", """{"name":"..","owner":"{owner}"}""" },
        { "300 bytes", $$"""{"name":"{{new string('x', 300)}}","owner":"{owner}"}""" },
        { "number", """{"name":123,"owner":"{owner}"}""" },
        { "null", """{"name":null,"owner":"{owner}"}""" },
    };

    [SkippableTheory]
    [MemberData(nameof(InvalidNames))]
    public async Task Create_refuses_invalid_names_and_creates_nothing(string because, string json)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var before = Names(await client.OwnBasesAsync());

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.RawJson(json.Replace("{owner}", owner.Id, StringComparison.Ordinal)),
            HttpStatusCode.BadRequest);

        AssertError(body, "name invalid.");
        var after = Names(await client.OwnBasesAsync());
        Assert.True(before.SequenceEqual(after), $"A {because} name changed the workspace: {string.Join(", ", after.Except(before))}");
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task Create_refuses_invalid_names_sent_as_a_form(string name)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var before = Names(await client.OwnBasesAsync());

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name), ("owner", owner.Id)), HttpStatusCode.BadRequest);

        AssertError(body, "name invalid.");
        Assert.Equal(before, Names(await client.OwnBasesAsync()));
    }

    [SkippableFact]
    public async Task Create_accepts_a_name_of_248_bytes_and_unicode()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var longName = NewBaseName() + new string('y', 248 - 15);
        var unicode = "Projekt Übersicht – 数据 " + Guid.NewGuid().ToString("N")[..6];

        var tableLong = await client.CreateBaseAsync(longName);
        var tableUnicode = await client.CreateBaseAsync(unicode);

        Assert.Equal(248, System.Text.Encoding.UTF8.GetByteCount(longName));
        Assert.Equal(longName, tableLong.Str("name"));
        Assert.Equal(unicode, tableUnicode.Str("name"));
        Assert.NotNull(await client.FindOwnBaseAsync(unicode));
    }

    [SkippableFact]
    public async Task Create_refuses_a_name_of_249_bytes()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Form(("name", new string('z', 249))), HttpStatusCode.BadRequest);

        AssertError(body, "name invalid.");
    }

    [SkippableFact]
    public async Task Create_for_another_owner_is_403_and_creates_nothing()
    {
        var owner = await OwnerAsync();
        var other = await OtherAsync();
        using var client = owner.Client();
        using var otherClient = other.Client();
        var name = NewBaseName("foreign");

        var byId = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name), ("owner", other.Id)), HttpStatusCode.Forbidden);
        var byEmail = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name), ("owner", other.Email)), HttpStatusCode.Forbidden);

        AssertError(byId, PermissionDenied);
        AssertError(byEmail, PermissionDenied);
        Assert.Null(await otherClient.FindOwnBaseAsync(name));
        Assert.Null(await client.FindOwnBaseAsync(name));
    }

    [SkippableFact]
    public async Task Create_in_another_users_workspace_is_403_and_creates_nothing()
    {
        var owner = await OwnerAsync();
        var other = await OtherAsync();
        using var client = owner.Client();
        using var otherClient = other.Client();
        var name = NewBaseName("foreign");

        var body = await client.CallAsync(HttpMethod.Post, DTables,
            Bodies.Form(("name", name), ("workspace_id", other.WorkspaceId.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            HttpStatusCode.Forbidden);

        AssertError(body, PermissionDenied);
        Assert.Null(await otherClient.FindOwnBaseAsync(name));
    }

    [SkippableFact]
    public async Task Create_in_an_unknown_workspace_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Form(("name", NewBaseName()), ("workspace_id", "987654321")),
            HttpStatusCode.NotFound);

        AssertError(body, "Workspace 987654321 not found.");
    }

    [SkippableFact]
    public async Task Create_needs_authentication()
    {
        using var client = Server.Factory.CreateClient();

        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Form(("name", NewBaseName())), HttpStatusCode.Forbidden);

        AssertDetail(body, NotAuthenticated);
    }

    [SkippableFact]
    public async Task Concurrent_creates_of_one_name_make_exactly_one_base()
    {
        var owner = await OwnerAsync();
        var name = NewBaseName("race");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = owner.Client();
            return (await client.SendRawAsync(HttpMethod.Post, DTables, Bodies.Form(("name", name)))).Status;
        }));

        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        using var check = owner.Client();
        Assert.Single(await check.OwnBasesAsync(), t => t.Str("name") == name);
    }

    // ---- workspaces ----

    [SkippableFact]
    public async Task Workspaces_lists_starred_shared_and_personal_with_the_base()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("listed");
        var created = await client.CreateBaseAsync(name);

        var list = await client.WorkspaceListAsync();

        Assert.Equal(["starred", "shared", "personal"], list.Select(w => w.Str("type")));
        Assert.IsType<JsonArray>(list[0]["table_list"]);
        Assert.IsType<JsonArray>(list[1]["shared_table_list"]);
        var personal = list[2];
        Assert.Equal(System.Text.Json.JsonValueKind.Number, personal["id"]!.GetValueKind());
        Assert.Equal(owner.WorkspaceId, personal.Long("id"));
        Assert.Equal(owner.Name, personal.Str("owner_name"));
        var table = Assert.Single(personal.Objects("table_list"), t => t.Str("name") == name);
        Assert.False(table["starred"]!.GetValue<bool>());
        foreach (var field in new[] { "id", "workspace_id", "uuid", "name", "creator", "modifier", "created_at", "updated_at" })
        {
            Assert.Equal(created[field]!.ToJsonString(), table[field]!.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task Workspaces_with_detail_false_omits_the_lists()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        await client.CreateBaseAsync(NewBaseName());

        var list = await client.WorkspaceListAsync("?detail=false");

        Assert.Equal(["starred", "shared", "personal"], list.Select(w => w.Str("type")));
        Assert.All(list, w =>
        {
            Assert.False(w.ContainsKey("table_list"));
            Assert.False(w.ContainsKey("shared_table_list"));
        });
        Assert.Equal(owner.WorkspaceId, list[2].Long("id"));
    }

    [SkippableFact]
    public async Task Workspaces_with_detail_true_keeps_the_lists()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName();
        await client.CreateBaseAsync(name);

        var list = await client.WorkspaceListAsync("?detail=true");

        Assert.Single(list[2].Objects("table_list"), t => t.Str("name") == name);
    }

    [SkippableFact]
    public async Task Workspaces_refuses_a_bad_detail()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.GetJsonAsync(Workspaces + "?detail=maybe", HttpStatusCode.BadRequest);

        Assert.StartsWith("detail invalid", body.Str("error_msg"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Workspaces_of_a_new_user_is_empty_and_needs_authentication()
    {
        var fresh = await ClassUsers.CreateAsync(Server, "fresh");
        using var client = fresh.Client();
        using var anonymous = Server.Factory.CreateClient();

        var list = await client.WorkspaceListAsync();

        Assert.Empty(list[2].Objects("table_list"));
        Assert.Empty(list[1].Objects("shared_table_list"));
        AssertDetail(await anonymous.GetJsonAsync(Workspaces, HttpStatusCode.Forbidden), NotAuthenticated);
    }

    // ---- rename ----

    [SkippableFact]
    public async Task Rename_with_old_name_and_new_name_urlencoded()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("old");
        var newName = NewBaseName("new");
        var created = await client.CreateBaseAsync(name);

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", newName)), HttpStatusCode.OK);

        var table = body["table"]!;
        Assert.Equal(newName, table.Str("name"));
        Assert.Equal(created.Str("uuid"), table.Str("uuid"));
        Assert.Equal(created.Long("id"), table.Long("id"));
        Assert.Equal(owner.WorkspaceId, table.Long("workspace_id"));
        Assert.Matches(IsoTime(), table.Str("updated_at"));
        Assert.Null(await client.FindOwnBaseAsync(name));
        Assert.Equal(created.Str("uuid"), (await client.FindOwnBaseAsync(newName)).Str("uuid"));
    }

    [SkippableFact]
    public async Task Rename_with_name_and_new_name_multipart()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("old");
        var newName = NewBaseName("new");
        var created = await client.CreateBaseAsync(name);

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Multipart(("name", name), ("new_name", newName)), HttpStatusCode.OK);

        Assert.Equal(newName, body["table"].Str("name"));
        Assert.Equal(created.Str("uuid"), body["table"].Str("uuid"));
        Assert.Equal(created.Long("id"), body["table"].Long("id"));
        Assert.Equal(created.Str("uuid"), (await client.FindOwnBaseAsync(newName)).Str("uuid"));
        Assert.Null(await client.FindOwnBaseAsync(name));
    }

    [SkippableFact]
    public async Task Rename_frees_the_old_name()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("old");
        var first = await client.CreateBaseAsync(name);
        await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", NewBaseName("moved"))), HttpStatusCode.OK);

        var second = await client.CreateBaseAsync(name);

        Assert.NotEqual(first.Str("uuid"), second.Str("uuid"));
    }

    [SkippableFact]
    public async Task Rename_changing_only_the_case_works()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("lower");
        var created = await client.CreateBaseAsync(name);

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", name.ToUpperInvariant())), HttpStatusCode.OK);

        Assert.Equal(name.ToUpperInvariant(), body["table"].Str("name"));
        Assert.Equal(created.Str("uuid"), (await client.FindOwnBaseAsync(name.ToUpperInvariant())).Str("uuid"));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rename_to_an_existing_name_is_refused(bool differentCase)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("a");
        var taken = NewBaseName("b");
        var created = await client.CreateBaseAsync(name);
        var holder = await client.CreateBaseAsync(taken);
        var target = differentCase ? taken.ToUpperInvariant() : taken;

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", target)), HttpStatusCode.BadRequest);

        AssertError(body, $"{target} exists.");
        Assert.Equal(created.Str("uuid"), (await client.FindOwnBaseAsync(name)).Str("uuid"));
        Assert.Equal(holder.Str("uuid"), (await client.FindOwnBaseAsync(taken)).Str("uuid"));
    }

    [SkippableFact]
    public async Task Rename_of_an_unknown_base_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("ghost");

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId),
            Bodies.Form(("old_name", name), ("new_name", NewBaseName())), HttpStatusCode.NotFound);

        AssertError(body, $"dtable {name} not found.");
    }

    [SkippableFact]
    public async Task Rename_in_an_unknown_workspace_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(987654321),
            Bodies.Form(("old_name", "x"), ("new_name", "y")), HttpStatusCode.NotFound);

        AssertError(body, "Workspace 987654321 not found.");
    }

    public static TheoryData<string[], string> BadRenames => new()
    {
        { ["old_name", "{name}"], "new_name invalid." },
        { ["old_name", "{name}", "new_name", ""], "new_name invalid." },
        { ["old_name", "{name}", "new_name", "a/b"], "new_name invalid." },
        { ["old_name", "{name}", "new_name", ".."], "new_name invalid." },
        { ["new_name", "whatever"], "name invalid." },
        { ["old_name", "", "new_name", "whatever"], "name invalid." },
    };

    [SkippableTheory]
    [MemberData(nameof(BadRenames))]
    public async Task Rename_refuses_missing_or_invalid_fields(string[] fields, string message)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("keep");
        var created = await client.CreateBaseAsync(name);
        var pairs = fields.Chunk(2).Select(p => (p[0], p[1].Replace("{name}", name, StringComparison.Ordinal))).ToArray();

        var body = await client.CallAsync(HttpMethod.Put, WorkspaceDTable(owner.WorkspaceId), Bodies.Form(pairs), HttpStatusCode.BadRequest);

        AssertError(body, message);
        Assert.Equal(created.Str("uuid"), (await client.FindOwnBaseAsync(name)).Str("uuid"));
    }

    // ---- delete ----

    [SkippableTheory]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Multipart)]
    public async Task Delete_moves_the_base_out_of_the_workspace(BodyKind kind)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("gone");
        await client.CreateBaseAsync(name);

        var body = await client.CallAsync(HttpMethod.Delete, WorkspaceDTable(owner.WorkspaceId), Bodies.Of(kind, ("name", name)), HttpStatusCode.OK);

        Assert.Equal("""{"success":true}""", body.ToJsonString());
        Assert.Null(await client.FindOwnBaseAsync(name));
    }

    [SkippableFact]
    public async Task Delete_frees_the_name_at_once()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("reuse");
        var first = await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(owner.WorkspaceId, name);

        var second = await client.CreateBaseAsync(name);

        Assert.NotEqual(first.Str("uuid"), second.Str("uuid"));
        Assert.NotEqual(first.Long("id"), second.Long("id"));
        Assert.Equal(second.Str("uuid"), (await client.FindOwnBaseAsync(name)).Str("uuid"));
    }

    [SkippableFact]
    public async Task Delete_twice_is_404_the_second_time()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("twice");
        await client.CreateBaseAsync(name);
        await client.DeleteBaseAsync(owner.WorkspaceId, name);

        var body = await client.CallAsync(HttpMethod.Delete, WorkspaceDTable(owner.WorkspaceId), Bodies.Json(("name", name)), HttpStatusCode.NotFound);

        AssertError(body, $"dtable {name} not found.");
    }

    [SkippableFact]
    public async Task Delete_of_an_unknown_base_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("ghost");

        var body = await client.CallAsync(HttpMethod.Delete, WorkspaceDTable(owner.WorkspaceId), Bodies.Json(("name", name)), HttpStatusCode.NotFound);

        AssertError(body, $"dtable {name} not found.");
    }

    [SkippableFact]
    public async Task Delete_in_an_unknown_workspace_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(HttpMethod.Delete, WorkspaceDTable(987654321), Bodies.Json(("name", "x")), HttpStatusCode.NotFound);

        AssertError(body, "Workspace 987654321 not found.");
    }

    [SkippableTheory]
    [InlineData("{}")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":42}""")]
    [InlineData(null)]
    public async Task Delete_without_a_name_is_400(string? json)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var before = Names(await client.OwnBasesAsync());

        var body = await client.CallAsync(HttpMethod.Delete, WorkspaceDTable(owner.WorkspaceId),
            json is null ? null : Bodies.RawJson(json), HttpStatusCode.BadRequest);

        AssertError(body, "name invalid.");
        Assert.Equal(before, Names(await client.OwnBasesAsync()));
    }

    // ---- routes ----

    [SkippableTheory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Non_numeric_workspace_id_is_a_json_404(string method)
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        var body = await client.CallAsync(new HttpMethod(method), "/api/v2.1/workspace/abc/dtable/",
            Bodies.Form(("name", "x"), ("old_name", "x"), ("new_name", "y")), HttpStatusCode.NotFound);

        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
    }

    [SkippableFact]
    public async Task Routes_without_the_trailing_slash_work_too()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("noslash");

        var created = await client.CallAsync(HttpMethod.Post, "/api/v2.1/dtables", Bodies.Form(("name", name)), HttpStatusCode.Created);
        var list = await client.GetJsonAsync("/api/v2.1/workspaces");
        await client.CallAsync(HttpMethod.Delete, $"/api/v2.1/workspace/{owner.WorkspaceId}/dtable", Bodies.Json(("name", name)), HttpStatusCode.OK);

        Assert.Equal(name, created["table"].Str("name"));
        Assert.Single(list.Objects("workspace_list"), w => w.Str("type") == "personal");
    }
}
