using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.ApiTokens;

[Collection(SharedServerCollection.Name)]
public sealed class ApiTokenManagementTests_Sqlite(SharedServer server, ClassUsers users) : ApiTokenManagementTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ApiTokenManagementTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ApiTokenManagementTests(server, users);

/// <summary>
/// The token API of a base (reference 2, E1-E4; acceptance cases 10.2 and 10.3 1-3): bodies, check order,
/// error texts, and every refused call leaving the token list as it was.
/// </summary>
public abstract class ApiTokenManagementTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> OwnerAsync() => users.GetAsync(Server, "tokens");

    private async Task<(ApiUser Owner, HttpClient Client, string Name)> NewBaseAsync()
    {
        var owner = await OwnerAsync();
        var client = owner.Client();
        var name = NewBaseName("tokens");
        await client.CreateBaseAsync(name);
        return (owner, client, name);
    }

    // ---------------------------------------------------------------- E1 create

    [SkippableTheory]
    [InlineData(BodyKind.Json, "rw")]
    [InlineData(BodyKind.Form, "r")]
    [InlineData(BodyKind.Multipart, "rw")]
    public async Task Create_answers_201_with_the_token_object(BodyKind kind, string permission)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var before = DateTimeOffset.UtcNow;

        var token = await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name),
            Bodies.Of(kind, ("app_name", "mail_client"), ("permission", permission)), HttpStatusCode.Created);

        AssertTokenObject(token, "mail_client", permission, owner.Id);
        Assert.Equal(token.Str("generated_at"), token.Str("last_access"));
        var generatedAt = token.Time("generated_at");
        Assert.InRange(generatedAt, before.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(2));
        var listed = Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name));
        Assert.Equal(token.ToJsonString(), listed.ToJsonString());
    }

    [SkippableFact]
    public async Task A_base_holds_many_tokens_each_different()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var apps = Enumerable.Range(1, 5).Select(i => $"app-{i}").ToList();

        var tokens = new List<JsonObject>();
        foreach (var app in apps)
        {
            tokens.Add(await client.CreateTokenAsync(owner.WorkspaceId, name, app, app == "app-2" ? "r" : "rw"));
        }

        Assert.Equal(apps.Count, tokens.Select(t => t.Str("api_token")).Distinct(StringComparer.Ordinal).Count());
        var listed = await client.ListTokensAsync(owner.WorkspaceId, name);
        Assert.Equal(apps, listed.Select(t => t.Str("app_name")));
        Assert.Equal(tokens.Select(t => t.Str("api_token")), listed.Select(t => t.Str("api_token")));
        Assert.Equal("r", listed[1].Str("permission"));
    }

    [SkippableFact]
    public async Task The_same_app_name_on_two_bases_gets_two_tokens()
    {
        var (owner, client, first) = await NewBaseAsync();
        using var _ = client;
        var second = NewBaseName("tokens");
        await client.CreateBaseAsync(second);

        var a = await client.CreateTokenAsync(owner.WorkspaceId, first, "gmail");
        var b = await client.CreateTokenAsync(owner.WorkspaceId, second, "gmail");

        Assert.NotEqual(a.Str("api_token"), b.Str("api_token"));
    }

    public static TheoryData<BodyKind, string?> InvalidAppNames => new()
    {
        { BodyKind.Json, null },
        { BodyKind.Json, "" },
        { BodyKind.Json, "   " },
        { BodyKind.Form, null },
        { BodyKind.Form, "" },
        { BodyKind.Multipart, " \t " },
        { BodyKind.Json, new string('a', 256) },
    };

    [SkippableTheory]
    [MemberData(nameof(InvalidAppNames))]
    public async Task Create_without_a_usable_app_name_is_400_app_name_invalid(BodyKind kind, string? appName)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        await client.CreateTokenAsync(owner.WorkspaceId, name, "existing");
        var before = await client.TokensSnapshotAsync(owner.WorkspaceId, name);
        var fields = appName is null ? [("permission", "rw")] : new[] { ("app_name", appName), ("permission", "rw") };

        var body = await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name), Bodies.Of(kind, fields), HttpStatusCode.BadRequest);

        Assert.Equal("""{"error_msg":"app_name invalid."}""", body.ToJsonString());
        Assert.Equal(before, await client.TokensSnapshotAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task An_app_name_of_255_characters_is_accepted()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var appName = new string('x', 255);

        var token = await client.CreateTokenAsync(owner.WorkspaceId, name, appName);

        AssertTokenObject(token, appName, "rw", owner.Id);
    }

    [SkippableTheory]
    [InlineData(BodyKind.Json, null)]
    [InlineData(BodyKind.Json, "admin")]
    [InlineData(BodyKind.Form, "")]
    [InlineData(BodyKind.Multipart, "RW")]
    [InlineData(BodyKind.Json, "w")]
    public async Task Create_with_a_permission_other_than_r_or_rw_is_400_permission_invalid(BodyKind kind, string? permission)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var fields = permission is null ? [("app_name", "gmail")] : new[] { ("app_name", "gmail"), ("permission", permission) };

        var body = await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name), Bodies.Of(kind, fields), HttpStatusCode.BadRequest);

        Assert.Equal("""{"error_msg":"permission invalid."}""", body.ToJsonString());
        Assert.Empty(await client.ListTokensAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task Create_checks_the_fields_before_the_workspace_and_the_base()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        const long unknownWorkspace = 987_654_321;

        AssertError(await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, "no-such-base"),
            Bodies.Json(("permission", "rw")), HttpStatusCode.BadRequest), "app_name invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, TokensUrl(unknownWorkspace, "no-such-base"),
            Bodies.Json(("app_name", " "), ("permission", "admin")), HttpStatusCode.BadRequest), "app_name invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, TokensUrl(unknownWorkspace, "no-such-base"),
            Bodies.Json(("app_name", "gmail"), ("permission", "admin")), HttpStatusCode.BadRequest), "permission invalid.");
        AssertError(await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, "no-such-base"),
            Bodies.Json(("app_name", "gmail")), HttpStatusCode.BadRequest), "permission invalid.");
    }

    [SkippableFact]
    public async Task Create_on_an_unknown_workspace_or_base_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        const long unknownWorkspace = 987_654_322;

        var workspace = await client.CallAsync(HttpMethod.Post, TokensUrl(unknownWorkspace, "x"),
            Bodies.Json(("app_name", "gmail"), ("permission", "rw")), HttpStatusCode.NotFound);
        var dtable = await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, "no such base"),
            Bodies.Json(("app_name", "gmail"), ("permission", "rw")), HttpStatusCode.NotFound);

        Assert.Equal("""{"error_msg":"Workspace 987654322 not found."}""", workspace.ToJsonString());
        Assert.Equal("""{"error_msg":"dtable no such base not found."}""", dtable.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("Gmail", "Gmail")]
    [InlineData("Gmail", "gmail")]
    [InlineData("gmail", "GMAIL")]
    [InlineData("Gmäil", "GMÄIL")]
    public async Task A_second_token_for_the_same_app_name_in_any_case_is_400_already_exist(string first, string second)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var created = await client.CreateTokenAsync(owner.WorkspaceId, name, first, "r");
        var before = await client.TokensSnapshotAsync(owner.WorkspaceId, name);

        var body = await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name),
            Bodies.Json(("app_name", second), ("permission", "rw")), HttpStatusCode.BadRequest);

        Assert.Equal("""{"error_msg":"api token already exist."}""", body.ToJsonString());
        Assert.Equal(before, await client.TokensSnapshotAsync(owner.WorkspaceId, name));
        var listed = Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name));
        Assert.Equal(first, listed.Str("app_name"));
        Assert.Equal(created.Str("api_token"), listed.Str("api_token"));
        Assert.Equal("r", listed.Str("permission"));
    }

    [SkippableFact]
    public async Task Concurrent_creates_of_one_app_name_give_exactly_one_token()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var spellings = new[] { "Slack", "slack", "SLACK", "sLack", "Slack", "slacK", "SlAcK", "slack" };

        var answers = await Task.WhenAll(spellings.Select(async app =>
        {
            using var each = owner.Client();
            return await each.SendRawAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name),
                Bodies.Json(("app_name", app), ("permission", "rw")));
        }));

        // Exactly one spelling wins; the same request again (same caller, spelling and permission) is a retry and
        // is answered with the same token, every other spelling is refused.
        var created = answers.First(a => a.Status == HttpStatusCode.Created);
        var winner = JsonNode.Parse(created.Body)!.Str("app_name");
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Created), a => Assert.Equal(created.Body, a.Body));
        Assert.Equal(spellings.Count(s => s == winner), answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, a.Status);
            Assert.Equal("""{"error_msg":"api token already exist."}""", a.Body);
        });
        var listed = Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name));
        Assert.Equal(JsonNode.Parse(created.Body)!.ToJsonString(), listed.ToJsonString());
    }

    // ---------------------------------------------------------------- E2 list

    [SkippableFact]
    public async Task A_new_base_lists_no_tokens()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;

        var body = await client.GetJsonAsync(TokensUrl(owner.WorkspaceId, name));

        Assert.Equal("""{"api_tokens":[]}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task List_shows_every_token_with_its_six_fields_in_creation_order()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var zeta = await client.CreateTokenAsync(owner.WorkspaceId, name, "zeta", "r");
        var alpha = await client.CreateTokenAsync(owner.WorkspaceId, name, "alpha", "rw");
        var middle = await client.CreateTokenAsync(owner.WorkspaceId, name, "Middle App", "r");

        var body = await client.GetJsonAsync(TokensUrl(owner.WorkspaceId, name));

        AssertKeys(body, ["api_tokens"]);
        var listed = body.Objects("api_tokens");
        Assert.Equal(["zeta", "alpha", "Middle App"], listed.Select(t => t.Str("app_name")));
        foreach (var (created, shown) in new[] { zeta, alpha, middle }.Zip(listed))
        {
            AssertTokenObject(shown, created.Str("app_name"), created.Str("permission"), owner.Id);
            Assert.Equal(created.ToJsonString(), shown.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task List_of_an_unknown_workspace_or_base_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        AssertError(await client.GetJsonAsync(TokensUrl(987_654_323, "x"), HttpStatusCode.NotFound), "Workspace 987654323 not found.");
        AssertError(await client.GetJsonAsync(TokensUrl(owner.WorkspaceId, "missing"), HttpStatusCode.NotFound), "dtable missing not found.");
    }

    // ---------------------------------------------------------------- E3 update

    [SkippableTheory]
    [InlineData(BodyKind.Json, "r", "rw")]
    [InlineData(BodyKind.Form, "r", "rw")]
    [InlineData(BodyKind.Form, "rw", "r")]
    [InlineData(BodyKind.Multipart, "rw", "r")]
    public async Task Update_changes_only_the_permission(BodyKind kind, string from, string to)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var created = await client.CreateTokenAsync(owner.WorkspaceId, name, "gmail", from);
        await client.CreateTokenAsync(owner.WorkspaceId, name, "other", from);

        var body = await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "gmail"),
            Bodies.Of(kind, ("permission", to)), HttpStatusCode.OK);

        AssertTokenObject(body, "gmail", to, owner.Id);
        Assert.Equal(created.Str("api_token"), body.Str("api_token"));
        Assert.Equal(created.Str("generated_at"), body.Str("generated_at"));
        Assert.Equal(created.Str("last_access"), body.Str("last_access"));
        var listed = await client.ListTokensAsync(owner.WorkspaceId, name);
        Assert.Equal(body.ToJsonString(), listed[0].ToJsonString());
        Assert.Equal(from, listed[1].Str("permission"));
    }

    [SkippableTheory]
    [InlineData("r")]
    [InlineData("rw")]
    public async Task Update_to_the_same_permission_is_400_already_has(string permission)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        await client.CreateTokenAsync(owner.WorkspaceId, name, "gmail", permission);
        var before = await client.TokensSnapshotAsync(owner.WorkspaceId, name);

        var body = await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "gmail"),
            Bodies.Form(("permission", permission)), HttpStatusCode.BadRequest);

        Assert.Equal($$"""{"error_msg":"api token already has {{permission}} permission."}""", body.ToJsonString());
        Assert.Equal(before, await client.TokensSnapshotAsync(owner.WorkspaceId, name));
    }

    [SkippableTheory]
    [InlineData("z")]
    [InlineData("admin")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Update_to_an_invalid_permission_is_400_permission_invalid(string? permission)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        await client.CreateTokenAsync(owner.WorkspaceId, name, "gmail", "rw");
        var before = await client.TokensSnapshotAsync(owner.WorkspaceId, name);

        var body = await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "gmail"),
            permission is null ? Bodies.Json() : Bodies.Form(("permission", permission)), HttpStatusCode.BadRequest);

        Assert.Equal("""{"error_msg":"permission invalid."}""", body.ToJsonString());
        Assert.Equal(before, await client.TokensSnapshotAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task Update_of_an_unknown_app_is_404_api_token_not_found()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        await client.CreateTokenAsync(owner.WorkspaceId, name, "gmail", "r");
        var before = await client.TokensSnapshotAsync(owner.WorkspaceId, name);

        var body = await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "gmail2"),
            Bodies.Json(("permission", "rw")), HttpStatusCode.NotFound);

        Assert.Equal("""{"error_msg":"api token not found."}""", body.ToJsonString());
        Assert.Equal(before, await client.TokensSnapshotAsync(owner.WorkspaceId, name));
    }

    [SkippableFact]
    public async Task Update_on_an_unknown_workspace_or_base_is_404_after_the_permission_check()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        AssertError(await client.CallAsync(HttpMethod.Put, TokenUrl(987_654_324, "x", "gmail"),
            Bodies.Json(("permission", "rw")), HttpStatusCode.NotFound), "Workspace 987654324 not found.");
        AssertError(await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, "missing", "gmail"),
            Bodies.Json(("permission", "rw")), HttpStatusCode.NotFound), "dtable missing not found.");
        AssertError(await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, "missing", "gmail"),
            Bodies.Json(("permission", "z")), HttpStatusCode.BadRequest), "permission invalid.");
    }

    [SkippableTheory]
    [InlineData("Gmail", "gmail")]
    [InlineData("Gmail", "GMAIL")]
    [InlineData("My App", "My App")]
    [InlineData("My App", "my app")]
    public async Task Update_finds_the_app_name_of_the_route_in_any_case_and_url_encoded(string appName, string inRoute)
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var created = await client.CreateTokenAsync(owner.WorkspaceId, name, appName, "r");
        var url = TokenUrl(owner.WorkspaceId, name, inRoute);
        Assert.DoesNotContain(" ", url, StringComparison.Ordinal);

        var body = await client.CallAsync(HttpMethod.Put, url, Bodies.Json(("permission", "rw")), HttpStatusCode.OK);

        Assert.Equal(appName, body.Str("app_name"));
        Assert.Equal(created.Str("api_token"), body.Str("api_token"));
        Assert.Equal("rw", body.Str("permission"));
        Assert.Equal("rw", Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name)).Str("permission"));
    }

    /// <summary>
    /// SeaTable's app_name route part is ".*", URL-decoded (reference 1.1): an app name holding a slash, which
    /// create accepts, is found by update and delete when the client encodes it (a%2Fb).
    /// </summary>
    [SkippableFact]
    public async Task An_app_name_with_a_slash_can_be_updated_and_deleted_by_its_encoded_name()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var created = await client.CreateTokenAsync(owner.WorkspaceId, name, "team/bot", "r");
        var url = TokenUrl(owner.WorkspaceId, name, "team/bot");
        Assert.EndsWith("/api-tokens/team%2Fbot/", url, StringComparison.Ordinal);

        var updated = await client.CallAsync(HttpMethod.Put, url, Bodies.Json(("permission", "rw")), HttpStatusCode.OK);
        Assert.Equal("team/bot", updated.Str("app_name"));
        Assert.Equal(created.Str("api_token"), updated.Str("api_token"));
        Assert.Equal("rw", updated.Str("permission"));

        AssertSuccess(await client.CallAsync(HttpMethod.Delete, url, null, HttpStatusCode.OK));
        Assert.Empty(await client.ListTokensAsync(owner.WorkspaceId, name));
    }

    // ---------------------------------------------------------------- E4 delete

    [SkippableFact]
    public async Task Delete_removes_the_token_and_it_stops_working_at_once()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var gone = await client.CreateTokenAsync(owner.WorkspaceId, name, "gmail");
        var kept = await client.CreateTokenAsync(owner.WorkspaceId, name, "kept");
        await Server.Factory.ExchangeAsync(gone.Str("api_token"));

        var body = await client.CallAsync(HttpMethod.Delete, TokenUrl(owner.WorkspaceId, name, "gmail"), null, HttpStatusCode.OK);

        Assert.Equal("""{"success":true}""", body.ToJsonString());
        Assert.Equal(["kept"], (await client.ListTokensAsync(owner.WorkspaceId, name)).Select(t => t.Str("app_name")));
        var exchange = await Server.Factory.ExchangeAsync(gone.Str("api_token"), HttpStatusCode.NotFound);
        Assert.Equal("""{"error_msg":"api token not found."}""", exchange.ToJsonString());
        await Server.Factory.ExchangeAsync(kept.Str("api_token"));

        var again = await client.CallAsync(HttpMethod.Delete, TokenUrl(owner.WorkspaceId, name, "gmail"), null, HttpStatusCode.NotFound);
        Assert.Equal("""{"error_msg":"api token not found."}""", again.ToJsonString());
    }

    [SkippableFact]
    public async Task Delete_finds_the_app_name_in_any_case_and_url_encoded_and_the_name_is_free_again()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var old = await client.CreateTokenAsync(owner.WorkspaceId, name, "My App", "r");

        AssertSuccess(await client.CallAsync(HttpMethod.Delete, TokenUrl(owner.WorkspaceId, name, "my APP"), null, HttpStatusCode.OK));

        Assert.Empty(await client.ListTokensAsync(owner.WorkspaceId, name));
        var recreated = await client.CreateTokenAsync(owner.WorkspaceId, name, "my app", "rw");
        Assert.NotEqual(old.Str("api_token"), recreated.Str("api_token"));
        await Server.Factory.ExchangeAsync(old.Str("api_token"), HttpStatusCode.NotFound);
        Assert.Equal("my app", (await Server.Factory.ExchangeAsync(recreated.Str("api_token"))).Str("app_name"));
    }

    [SkippableFact]
    public async Task Delete_on_an_unknown_workspace_or_base_is_404()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();

        AssertError(await client.CallAsync(HttpMethod.Delete, TokenUrl(987_654_325, "x", "gmail"), null, HttpStatusCode.NotFound),
            "Workspace 987654325 not found.");
        AssertError(await client.CallAsync(HttpMethod.Delete, TokenUrl(owner.WorkspaceId, "missing", "gmail"), null, HttpStatusCode.NotFound),
            "dtable missing not found.");
    }

    [SkippableFact]
    public async Task The_token_calls_of_a_trashed_base_are_404_and_its_tokens_come_back_with_it()
    {
        var (owner, client, name) = await NewBaseAsync();
        using var _ = client;
        var created = await client.CreateTokenAsync(owner.WorkspaceId, name, "gmail", "r");
        var id = (await client.FindOwnBaseAsync(name)).Long("id");
        await client.DeleteBaseAsync(owner.WorkspaceId, name);
        var notFound = $$"""{"error_msg":"dtable {{name}} not found."}""";

        Assert.Equal(notFound, (await client.GetJsonAsync(TokensUrl(owner.WorkspaceId, name), HttpStatusCode.NotFound)).ToJsonString());
        Assert.Equal(notFound, (await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name),
            Bodies.Json(("app_name", "other"), ("permission", "rw")), HttpStatusCode.NotFound)).ToJsonString());
        Assert.Equal(notFound, (await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, name, "gmail"),
            Bodies.Json(("permission", "rw")), HttpStatusCode.NotFound)).ToJsonString());
        Assert.Equal(notFound, (await client.CallAsync(HttpMethod.Delete, TokenUrl(owner.WorkspaceId, name, "gmail"),
            null, HttpStatusCode.NotFound)).ToJsonString());

        AssertSuccess(await client.CallAsync(HttpMethod.Put, RestoreUrl(id), null, HttpStatusCode.OK));
        var listed = Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name));
        Assert.Equal(created.ToJsonString(), listed.ToJsonString());
    }
}
