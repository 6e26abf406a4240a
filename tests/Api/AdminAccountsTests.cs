using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

[Collection(SharedServerCollection.Name)]
public sealed class AdminAccountsTests_Sqlite(SharedServer server, ClassUsers users) : AdminAccountsTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AdminAccountsTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AdminAccountsTests(server, users);

/// <summary>The system admin's user and organization calls (reference 8.9, 8.10; 1.3 for refusals).</summary>
public abstract class AdminAccountsTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> NormalUserAsync() => users.GetAsync(Server, "plain");

    private async Task<JsonNode> PostAdminAsync(string uri, HttpContent content, HttpStatusCode expected)
    {
        using var admin = await Server.CreateAdminClientAsync();
        return await admin.CallAsync(HttpMethod.Post, uri, content, expected);
    }

    private async Task<JsonNode> CreateOrganizationAsync(string orgName, string adminEmail, string password = "Org-Passw0rd")
    {
        var body = await PostAdminAsync(AdminOrganizations,
            Bodies.Form(("org_name", orgName), ("admin_email", adminEmail), ("admin_name", "Org Admin"), ("password", password)),
            HttpStatusCode.OK);
        return body;
    }

    // ---- users ----

    [SkippableTheory]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Multipart)]
    public async Task Create_user_returns_the_new_virtual_id_and_fields(BodyKind kind)
    {
        var email = ApiHelpers.NewEmail("created");

        var body = await PostAdminAsync(AdminUsers,
            Bodies.Of(kind, ("email", email), ("password", "Secret-1"), ("name", "Created User")), HttpStatusCode.OK);

        Assert.Matches(VirtualId(), body.Str("email"));
        Assert.Equal(email, body.Str("contact_email"));
        Assert.Equal("Created User", body.Str("name"));
        Assert.False(body["is_staff"]!.GetValue<bool>());
        Assert.True(body["is_active"]!.GetValue<bool>());
        Assert.Equal("default", body.Str("role"));
        Assert.Matches(IsoTime(), body.Str("create_time"));
        Assert.Equal($"Successfully added user {email}.", body.Str("add_user_tip"));

        // The new user logs in with the contact email and is the account just created.
        var token = await Server.Factory.LoginAsync(email, "Secret-1");
        using var client = Server.Factory.CreateClient(token);
        var info = await client.GetJsonAsync(AccountInfo);
        Assert.Equal(body.Str("email"), info.Str("email"));
    }

    [SkippableFact]
    public async Task Create_user_without_name_uses_the_local_part_of_the_email()
    {
        var email = ApiHelpers.NewEmail("noname");

        var body = await PostAdminAsync(AdminUsers, Bodies.Form(("email", email), ("password", "Secret-1")), HttpStatusCode.OK);

        Assert.Equal(email.Split('@')[0], body.Str("name"));
    }

    [SkippableFact]
    public async Task Create_staff_user_gives_an_admin_who_can_call_admin_endpoints()
    {
        var email = ApiHelpers.NewEmail("staff");

        var body = await PostAdminAsync(AdminUsers,
            Bodies.Form(("email", email), ("password", "Secret-1"), ("is_staff", "true")), HttpStatusCode.OK);

        Assert.True(body["is_staff"]!.GetValue<bool>());
        using var staff = Server.Factory.CreateClient(await Server.Factory.LoginAsync(email, "Secret-1"));
        var list = await staff.GetJsonAsync(AdminUsers);
        Assert.True(list.Long("total_count") > 0);
    }

    [SkippableTheory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("\"True\"", true)]
    [InlineData("false", false)]
    [InlineData("\"false\"", false)]
    public async Task Create_user_reads_is_staff_as_json_boolean_or_text(string isStaffJson, bool expected)
    {
        var email = ApiHelpers.NewEmail("jsonstaff");

        var body = await PostAdminAsync(AdminUsers,
            Bodies.RawJson($$"""{"email":"{{email}}","password":"Secret-1","is_staff":{{isStaffJson}}}"""), HttpStatusCode.OK);

        Assert.Equal(expected, body["is_staff"]!.GetValue<bool>());
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Duplicate_email_in_any_case_is_refused(bool upperCase)
    {
        var email = ApiHelpers.NewEmail("dup");
        await PostAdminAsync(AdminUsers, Bodies.Form(("email", email), ("password", "Secret-1")), HttpStatusCode.OK);
        var again = upperCase ? email.ToUpperInvariant() : email;

        var body = await PostAdminAsync(AdminUsers, Bodies.Form(("email", again), ("password", "Other-1")), HttpStatusCode.BadRequest);

        AssertError(body, $"User {again} already exists.");
        // The first account keeps its password.
        Assert.NotEmpty(await Server.Factory.LoginAsync(email, "Secret-1"));
    }

    public static TheoryData<string[], string> RefusedUsers => new()
    {
        { ["password", "Secret-1"], "email invalid." },
        { ["email", "", "password", "Secret-1"], "email invalid." },
        { ["email", "not-an-email", "password", "Secret-1"], "email invalid." },
        { ["email", "two words@example.com", "password", "Secret-1"], "email invalid." },
        { ["email", "@", "password", "Secret-1"], "email invalid." },
        { ["email", "{email}"], "password required." },
        { ["email", "{email}", "password", ""], "password required." },
        { ["email", "{email}", "password", "Secret-1", "is_staff", "maybe"], "is_staff invalid." },
        { ["email", "{email}", "password", "Secret-1", "is_active", "perhaps"], "is_active invalid." },
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedUsers))]
    public async Task Create_user_refuses_bad_fields(string[] fields, string message)
    {
        var email = ApiHelpers.NewEmail("refused");
        var pairs = fields.Chunk(2).Select(p => (p[0], p[1].Replace("{email}", email, StringComparison.Ordinal))).ToArray();

        var body = await PostAdminAsync(AdminUsers, Bodies.Form(pairs), HttpStatusCode.BadRequest);

        AssertError(body, message);
        await AssertEmailUnusedAsync(email);
    }

    [SkippableTheory]
    [InlineData("a/b")]
    [InlineData("this-name-is-sixty-five-characters-long-xxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Create_user_refuses_bad_names(string name)
    {
        var email = ApiHelpers.NewEmail("badname");

        var body = await PostAdminAsync(AdminUsers, Bodies.Form(("email", email), ("password", "Secret-1"), ("name", name)),
            HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
        await AssertEmailUnusedAsync(email);
    }

    [SkippableFact]
    public async Task Create_user_accepts_a_64_character_name()
    {
        var name = new string('n', 64);

        var body = await PostAdminAsync(AdminUsers,
            Bodies.Form(("email", ApiHelpers.NewEmail("longname")), ("password", "Secret-1"), ("name", name)), HttpStatusCode.OK);

        Assert.Equal(name, body.Str("name"));
    }

    [SkippableFact]
    public async Task Normal_user_cannot_create_users()
    {
        var user = await NormalUserAsync();
        using var client = user.Client();
        var email = ApiHelpers.NewEmail("byuser");

        var body = await client.CallAsync(HttpMethod.Post, AdminUsers, Bodies.Form(("email", email), ("password", "Secret-1")),
            HttpStatusCode.Forbidden);

        AssertDetail(body, NotStaff);
        await AssertEmailUnusedAsync(email);
    }

    [SkippableFact]
    public async Task Anonymous_cannot_create_users()
    {
        using var client = Server.Factory.CreateClient();
        var email = ApiHelpers.NewEmail("anon");

        var body = await client.CallAsync(HttpMethod.Post, AdminUsers, Bodies.Form(("email", email), ("password", "Secret-1")),
            HttpStatusCode.Forbidden);

        AssertDetail(body, NotAuthenticated);
        await AssertEmailUnusedAsync(email);
    }

    [SkippableFact]
    public async Task List_users_shows_created_users_and_counts_them()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var before = (await admin.GetJsonAsync(AdminUsers)).Long("total_count");
        var email = ApiHelpers.NewEmail("listed");
        var created = await admin.CreateUserAsync(email, "Secret-1", "Listed User");

        var list = await admin.GetJsonAsync(AdminUsers + "?per_page=1000");

        Assert.Equal(before + 1, list.Long("total_count"));
        var entry = Assert.Single(list.Objects("data"), u => u.Str("email") == created.Str("email"));
        Assert.Equal(email, entry.Str("contact_email"));
        Assert.Equal("Listed User", entry.Str("name"));
        Assert.False(entry["is_staff"]!.GetValue<bool>());
        Assert.Equal(1, list["page_info"].Long("current_page"));
        Assert.False(list["page_info"]!["has_next_page"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task List_users_pages()
    {
        using var admin = await Server.CreateAdminClientAsync();
        await admin.CreateUserAsync(ApiHelpers.NewEmail("paged"), "Secret-1");
        await admin.CreateUserAsync(ApiHelpers.NewEmail("paged"), "Secret-1");

        var first = await admin.GetJsonAsync(AdminUsers + "?page=1&per_page=1");
        var second = await admin.GetJsonAsync(AdminUsers + "?page=2&per_page=1");

        Assert.Single(first.Objects("data"));
        Assert.Single(second.Objects("data"));
        Assert.NotEqual(first.Objects("data")[0].Str("email"), second.Objects("data")[0].Str("email"));
        Assert.True(first["page_info"]!["has_next_page"]!.GetValue<bool>());
        Assert.Equal(2, second["page_info"].Long("current_page"));
    }

    [SkippableTheory]
    [InlineData("?per_page=abc")]
    [InlineData("?page=abc")]
    [InlineData("?page=0")]
    [InlineData("?per_page=-5")]
    public async Task List_users_refuses_bad_paging(string query)
    {
        using var admin = await Server.CreateAdminClientAsync();

        var body = await admin.GetJsonAsync(AdminUsers + query, HttpStatusCode.BadRequest);

        Assert.StartsWith("per_page or page invalid", body.Str("error_msg"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task List_users_caps_a_huge_per_page()
    {
        using var admin = await Server.CreateAdminClientAsync();

        var body = await admin.GetJsonAsync(AdminUsers + "?per_page=100000");

        Assert.InRange(body.Objects("data").Count, 1, 1000);
    }

    [SkippableFact]
    public async Task Normal_user_and_anonymous_cannot_list_users()
    {
        var user = await NormalUserAsync();
        using var client = user.Client();
        using var anonymous = Server.Factory.CreateClient();

        AssertDetail(await client.GetJsonAsync(AdminUsers, HttpStatusCode.Forbidden), NotStaff);
        AssertDetail(await anonymous.GetJsonAsync(AdminUsers, HttpStatusCode.Forbidden), NotAuthenticated);
    }

    // ---- organizations ----

    [SkippableFact]
    public async Task Create_organization_returns_it_with_its_admin()
    {
        var adminEmail = ApiHelpers.NewEmail("orgadmin");

        var org = await CreateOrganizationAsync("Team Alpha", adminEmail);

        Assert.True(org.Long("org_id") > 0);
        Assert.Equal("Team Alpha", org.Str("org_name"));
        Assert.Matches(VirtualId(), org.Str("creator_email"));
        Assert.Matches("^org_[a-z0-9]{20}$", org.Str("org_url_prefix"));
        Assert.Matches(IsoTime(), org.Str("ctime"));
        Assert.Equal("Org Admin", org.Str("creator_name"));
        Assert.Equal(adminEmail, org.Str("creator_contact_email"));
    }

    [SkippableFact]
    public async Task Organization_admin_logs_in_as_org_staff()
    {
        var adminEmail = ApiHelpers.NewEmail("orgadmin");
        var org = await CreateOrganizationAsync("Team Beta", adminEmail, "Org-Admin-1");

        using var client = Server.Factory.CreateClient(await Server.Factory.LoginAsync(adminEmail, "Org-Admin-1"));
        var info = await client.GetJsonAsync(AccountInfo);

        Assert.Equal(org.Str("creator_email"), info.Str("email"));
        Assert.Equal(org.Long("org_id"), info.Long("org_id"));
        Assert.True(info["is_org_staff"]!.GetValue<bool>());
        Assert.False(info["is_staff"]!.GetValue<bool>());
    }

    public static TheoryData<string[], string> RefusedOrganizations => new()
    {
        { ["admin_email", "{email}", "password", "Secret-1"], "org_name invalid." },
        { ["org_name", "", "admin_email", "{email}", "password", "Secret-1"], "org_name invalid." },
        { ["org_name", "   ", "admin_email", "{email}", "password", "Secret-1"], "org_name invalid." },
        { ["org_name", "Team", "password", "Secret-1"], "admin_email invalid." },
        { ["org_name", "Team", "admin_email", "nope", "password", "Secret-1"], "admin_email invalid." },
        { ["org_name", "Team", "admin_email", "{email}"], "password invalid." },
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedOrganizations))]
    public async Task Create_organization_refuses_bad_fields(string[] fields, string message)
    {
        var email = ApiHelpers.NewEmail("orgrefused");
        var pairs = fields.Chunk(2).Select(p => (p[0], p[1].Replace("{email}", email, StringComparison.Ordinal))).ToArray();

        var body = await PostAdminAsync(AdminOrganizations, Bodies.Form(pairs), HttpStatusCode.BadRequest);

        AssertError(body, message);
        await AssertEmailUnusedAsync(email);
    }

    [SkippableFact]
    public async Task Create_organization_with_a_taken_admin_email_is_refused()
    {
        var user = await NormalUserAsync();

        var body = await PostAdminAsync(AdminOrganizations,
            Bodies.Form(("org_name", "Team Taken"), ("admin_email", user.Email), ("password", "Secret-1")), HttpStatusCode.BadRequest);

        AssertError(body, $"User {user.Email} already exists.");
    }

    [SkippableFact]
    public async Task List_organizations_shows_the_new_one()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var before = (await admin.GetJsonAsync(AdminOrganizations)).Long("total_count");
        var org = await CreateOrganizationAsync("Team Listed", ApiHelpers.NewEmail("orgadmin"));

        var list = await admin.GetJsonAsync(AdminOrganizations + "?per_page=1000");

        Assert.Equal(before + 1, list.Long("total_count"));
        var entry = Assert.Single(list.Objects("organizations"), o => o.Long("org_id") == org.Long("org_id"));
        Assert.Equal("Team Listed", entry.Str("org_name"));
        Assert.Equal(org.Str("creator_email"), entry.Str("creator_email"));
        Assert.Equal(org.Str("org_url_prefix"), entry.Str("org_url_prefix"));
    }

    [SkippableFact]
    public async Task Add_organization_user_creates_a_member_of_the_organization()
    {
        var org = await CreateOrganizationAsync("Team Gamma", ApiHelpers.NewEmail("orgadmin"));
        var orgId = org.Long("org_id");
        var email = ApiHelpers.NewEmail("member");

        var member = await PostAdminAsync($"{AdminOrganizations}{orgId}/users/",
            Bodies.Multipart(("email", email), ("name", "Member"), ("password", "Member-1")), HttpStatusCode.OK);

        Assert.Matches(VirtualId(), member.Str("email"));
        Assert.Equal(email, member.Str("contact_email"));
        Assert.Equal(orgId, member.Long("org_id"));
        Assert.Equal("Team Gamma", member.Str("org_name"));

        using var client = Server.Factory.CreateClient(await Server.Factory.LoginAsync(email, "Member-1"));
        var info = await client.GetJsonAsync(AccountInfo);
        Assert.Equal(orgId, info.Long("org_id"));
        Assert.False(info["is_org_staff"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task Add_organization_user_to_an_unknown_organization_is_404()
    {
        var email = ApiHelpers.NewEmail("orphan");

        var body = await PostAdminAsync($"{AdminOrganizations}987654321/users/",
            Bodies.Form(("email", email), ("password", "Secret-1")), HttpStatusCode.NotFound);

        AssertError(body, "Organization 987654321 not found.");
        await AssertEmailUnusedAsync(email);
    }

    [SkippableFact]
    public async Task Add_organization_user_with_a_non_numeric_org_id_is_400()
    {
        var body = await PostAdminAsync($"{AdminOrganizations}abc/users/",
            Bodies.Form(("email", ApiHelpers.NewEmail("orphan")), ("password", "Secret-1")), HttpStatusCode.BadRequest);

        AssertError(body, "org_id invalid.");
    }

    [SkippableFact]
    public async Task Normal_user_cannot_use_the_organization_calls()
    {
        var user = await NormalUserAsync();
        var org = await CreateOrganizationAsync("Team Delta", ApiHelpers.NewEmail("orgadmin"));
        using var client = user.Client();
        var email = ApiHelpers.NewEmail("sneaky");

        AssertDetail(await client.CallAsync(HttpMethod.Post, AdminOrganizations,
            Bodies.Form(("org_name", "Mine"), ("admin_email", email), ("password", "Secret-1")), HttpStatusCode.Forbidden), NotStaff);
        AssertDetail(await client.GetJsonAsync(AdminOrganizations, HttpStatusCode.Forbidden), NotStaff);
        AssertDetail(await client.CallAsync(HttpMethod.Post, $"{AdminOrganizations}{org.Long("org_id")}/users/",
            Bodies.Form(("email", email), ("password", "Secret-1")), HttpStatusCode.Forbidden), NotStaff);
        await AssertEmailUnusedAsync(email);
    }

    [SkippableFact]
    public async Task Organization_admin_is_not_a_system_admin()
    {
        var adminEmail = ApiHelpers.NewEmail("orgadmin");
        await CreateOrganizationAsync("Team Epsilon", adminEmail, "Org-Admin-1");
        using var client = Server.Factory.CreateClient(await Server.Factory.LoginAsync(adminEmail, "Org-Admin-1"));

        AssertDetail(await client.GetJsonAsync(AdminUsers, HttpStatusCode.Forbidden), NotStaff);
        AssertDetail(await client.GetJsonAsync(AdminOrganizations, HttpStatusCode.Forbidden), NotStaff);
    }

    /// <summary>No account was created for that email: an admin creating it now succeeds.</summary>
    private async Task AssertEmailUnusedAsync(string email)
    {
        using var admin = await Server.CreateAdminClientAsync();
        var created = await admin.CallAsync(HttpMethod.Post, AdminUsers, Bodies.Form(("email", email), ("password", "Probe-1")), HttpStatusCode.OK);
        Assert.Equal(email, created.Str("contact_email"));
    }
}
