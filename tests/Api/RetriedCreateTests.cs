using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.Api;

[Collection(SharedServerCollection.Name)]
public sealed class RetriedCreateTests_Sqlite(SharedServer server, ClassUsers users) : RetriedCreateTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class RetriedCreateTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : RetriedCreateTests(server, users);

/// <summary>
/// Issue 16, "retries are safe": a create repeated by the same caller with the same parameters (a retry whose first
/// answer was lost) is answered as the first call was; another caller or other parameters still get today's error.
/// </summary>
public abstract class RetriedCreateTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private Task<ApiUser> OwnerAsync() => users.GetAsync(Server, "retrier");

    [SkippableFact]
    public async Task A_retried_api_token_create_answers_201_with_the_same_token()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("retry-token");
        await client.CreateBaseAsync(name);

        var first = await client.CreateTokenAsync(owner.WorkspaceId, name, "sync", "rw");
        var again = await client.CreateTokenAsync(owner.WorkspaceId, name, "sync", "rw");

        Assert.Equal(first.Str("api_token"), again.Str("api_token"));
        Assert.Equal(first.Str("generated_at"), again.Str("generated_at"));
        Assert.Single(await client.ListTokensAsync(owner.WorkspaceId, name));
        // The token works: the exchange answers with the base.
        using var app = Server.Factory.CreateClient();
        app.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", again.Str("api_token"));
        Assert.Equal(HttpStatusCode.OK, (await app.SendRawAsync(HttpMethod.Get, "/api/v2.1/dtable/app-access-token/")).Status);
    }

    [SkippableFact]
    public async Task An_api_token_create_with_another_permission_is_still_400_already_exist()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("retry-token");
        await client.CreateBaseAsync(name);
        await client.CreateTokenAsync(owner.WorkspaceId, name, "sync", "r");

        var body = await client.CallAsync(HttpMethod.Post, TokensUrl(owner.WorkspaceId, name),
            Bodies.Json(("app_name", "sync"), ("permission", "rw")), HttpStatusCode.BadRequest);

        Assert.Equal("""{"error_msg":"api token already exist."}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task A_retried_share_answers_201_and_the_target_lists_the_base_once()
    {
        var owner = await OwnerAsync();
        using var client = owner.Client();
        var name = NewBaseName("retry-share");
        await client.CreateBaseAsync(name);
        var target = await ClassUsers.CreateAsync(Server, "retry-target");

        foreach (var _ in Enumerable.Range(0, 2))
        {
            AssertSuccess(await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
                Bodies.Form(("email", target.Email), ("permission", "rw")), HttpStatusCode.Created));
        }

        Assert.Equal("rw", Assert.Single(await client.SharesAsync(owner.WorkspaceId, name)).Str("permission"));
        using var targetClient = target.Client();
        Assert.Single(await targetClient.SharedDTablesAsync());
        await client.CallAsync(HttpMethod.Post, ShareUrl(owner.WorkspaceId, name),
            Bodies.Form(("email", target.Email), ("permission", "r")), HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task A_retried_user_create_answers_200_with_the_same_user()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var email = ApiHelpers.NewEmail("retry-user");
        var fields = Bodies.Form(("email", email), ("password", "Secret-1"), ("name", "Retry User"));

        var first = await admin.CallAsync(HttpMethod.Post, AdminUsers, fields, HttpStatusCode.OK);
        var again = await admin.CallAsync(HttpMethod.Post, AdminUsers,
            Bodies.Form(("email", email), ("password", "Secret-1"), ("name", "Retry User")), HttpStatusCode.OK);

        Assert.Equal(first.Str("email"), again.Str("email"));
        Assert.Equal(first.Str("create_time"), again.Str("create_time"));
        Assert.Equal($"Successfully added user {email}.", again.Str("add_user_tip"));
    }

    [SkippableTheory]
    [InlineData("Other-1", "Retry User", false)]
    [InlineData("Secret-1", "Another Name", false)]
    [InlineData("Secret-1", "Retry User", true)]
    public async Task A_user_create_with_other_fields_or_by_another_admin_is_still_400_already_exists(string password, string name, bool anotherAdmin)
    {
        using var admin = await Server.CreateAdminClientAsync();
        var email = ApiHelpers.NewEmail("retry-user");
        await admin.CallAsync(HttpMethod.Post, AdminUsers,
            Bodies.Form(("email", email), ("password", "Secret-1"), ("name", "Retry User")), HttpStatusCode.OK);
        using var caller = anotherAdmin ? await AnotherAdminAsync(admin) : await Server.CreateAdminClientAsync();

        var body = await caller.CallAsync(HttpMethod.Post, AdminUsers,
            Bodies.Form(("email", email), ("password", password), ("name", name)), HttpStatusCode.BadRequest);

        AssertError(body, $"User {email} already exists.");
    }

    [SkippableFact]
    public async Task A_retried_organization_create_answers_200_with_the_same_organization()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var email = ApiHelpers.NewEmail("retry-org");
        HttpContent Fields(string orgName) =>
            Bodies.Form(("org_name", orgName), ("admin_email", email), ("admin_name", "Org Admin"), ("password", "Org-Passw0rd"));

        var first = await admin.CallAsync(HttpMethod.Post, AdminOrganizations, Fields("Team Retry"), HttpStatusCode.OK);
        var again = await admin.CallAsync(HttpMethod.Post, AdminOrganizations, Fields("Team Retry"), HttpStatusCode.OK);
        var other = await admin.CallAsync(HttpMethod.Post, AdminOrganizations, Fields("Team Other"), HttpStatusCode.BadRequest);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        AssertError(other, $"User {email} already exists.");
    }

    /// <summary>A second system admin, created by the first.</summary>
    private async Task<HttpClient> AnotherAdminAsync(HttpClient admin)
    {
        var email = ApiHelpers.NewEmail("admin2");
        await admin.CallAsync(HttpMethod.Post, AdminUsers,
            Bodies.Form(("email", email), ("password", "Admin2-Secret"), ("is_staff", "true")), HttpStatusCode.OK);
        return Server.Factory.CreateClient(await Server.Factory.LoginAsync(email, "Admin2-Secret"));
    }
}
