using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Api;

[Collection(SharedServerCollection.Name)]
public sealed class AuthenticationTests_Sqlite(SharedServer server, ClassUsers users) : AuthenticationTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class AuthenticationTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : AuthenticationTests(server, users);

/// <summary>Login (reference 8.1), the Authorization header forms (1.2, 1.3), who-am-I (8.2) and ping.</summary>
public abstract class AuthenticationTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string BadCredentials = "Unable to login with provided credentials.";

    private Task<ApiUser> UserAsync() => users.GetAsync(Server, "auth");

    private async Task<(HttpStatusCode Status, JsonNode Body)> LoginAsync(HttpContent content)
    {
        using var client = Server.Factory.CreateClient();
        using var response = await client.PostAsync(AuthToken, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"Not JSON: {text}"));
    }

    [SkippableTheory]
    [InlineData(BodyKind.Json)]
    [InlineData(BodyKind.Form)]
    [InlineData(BodyKind.Multipart)]
    public async Task Login_accepts_every_body_encoding_and_returns_the_users_40_hex_token(BodyKind kind)
    {
        var user = await UserAsync();

        var (status, body) = await LoginAsync(Bodies.Of(kind, ("username", user.Email), ("password", user.Account.Password)));

        Assert.Equal(HttpStatusCode.OK, status);
        var token = body.Str("token");
        Assert.Matches(LoginToken(), token);
        Assert.Equal(user.Account.Token, token);
    }

    [SkippableFact]
    public async Task Second_login_returns_the_same_token()
    {
        var user = await UserAsync();

        var first = await Server.Factory.LoginAsync(user.Email, user.Account.Password);
        var second = await Server.Factory.LoginAsync(user.Email, user.Account.Password);

        Assert.Equal(first, second);
    }

    [SkippableFact]
    public async Task Login_by_contact_email_ignores_case()
    {
        var user = await UserAsync();

        var token = await Server.Factory.LoginAsync(user.Email.ToUpperInvariant(), user.Account.Password);

        Assert.Equal(user.Account.Token, token);
    }

    [SkippableFact]
    public async Task Login_by_virtual_id_works()
    {
        var user = await UserAsync();

        var token = await Server.Factory.LoginAsync(user.Id, user.Account.Password);

        Assert.Equal(user.Account.Token, token);
    }

    [SkippableFact]
    public async Task Wrong_password_is_refused_with_non_field_errors()
    {
        var user = await UserAsync();

        var (status, body) = await LoginAsync(Bodies.Form(("username", user.Email), ("password", user.Account.Password + "x")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"non_field_errors":["Unable to login with provided credentials."]}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task Unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var (status, body) = await LoginAsync(Bodies.Json(("username", ApiHelpers.NewEmail("nobody")), ("password", "whatever")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(BadCredentials, Assert.Single(body["non_field_errors"]!.AsArray())!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Disabled_user_cannot_log_in()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var email = ApiHelpers.NewEmail("disabled");
        await admin.CallAsync(HttpMethod.Post, AdminUsers,
            Bodies.Form(("email", email), ("password", "Passw0rd!"), ("is_active", "false")), HttpStatusCode.OK);

        var (status, body) = await LoginAsync(Bodies.Form(("username", email), ("password", "Passw0rd!")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"non_field_errors":["User account is disabled."]}""", body.ToJsonString());
    }

    [SkippableFact]
    public async Task Missing_fields_get_field_errors()
    {
        var (status, body) = await LoginAsync(Bodies.RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This field is required.", Assert.Single(body["username"]!.AsArray())!.GetValue<string>());
        Assert.Equal("This field is required.", Assert.Single(body["password"]!.AsArray())!.GetValue<string>());
        Assert.Null(body["token"]);
    }

    [SkippableFact]
    public async Task Missing_password_names_only_the_password_field()
    {
        var user = await UserAsync();

        var (status, body) = await LoginAsync(Bodies.Form(("username", user.Email)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["username"]);
        Assert.Equal("This field is required.", Assert.Single(body["password"]!.AsArray())!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Malformed_json_is_a_400_with_detail()
    {
        var (status, body) = await LoginAsync(Bodies.RawJson("{\"username\": "));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("JSON parse error", body.Str("detail"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Text_plain_body_is_unsupported_media_type()
    {
        var (status, body) = await LoginAsync(new StringContent("username=a&password=b", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.StartsWith("Unsupported media type \"text/plain", body.Str("detail"), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public async Task Json_that_is_not_an_object_is_a_400_with_detail(string json)
    {
        var (status, body) = await LoginAsync(Bodies.RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("JSON parse error", body.Str("detail"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Malformed_multipart_is_a_400_with_detail()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nx"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        var (status, body) = await LoginAsync(content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(body.Str("detail")));
    }

    [SkippableFact]
    public async Task Oversized_body_is_refused_before_parsing()
    {
        var (status, body) = await LoginAsync(new StringContent(new string('a', 2_000_000), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.False(string.IsNullOrEmpty(body.Str("error_msg")));
    }

    public static TheoryData<string?, HttpStatusCode, string> RefusedHeaders => new()
    {
        { null, HttpStatusCode.Forbidden, NotAuthenticated },
        { "Basic dXNlcjpwYXNz", HttpStatusCode.Forbidden, NotAuthenticated },
        { "Token", HttpStatusCode.Unauthorized, "Invalid token header. No credentials provided." },
        { "Bearer", HttpStatusCode.Unauthorized, "Invalid token header. No credentials provided." },
        { "Token a b", HttpStatusCode.Unauthorized, "Invalid token header. Token string should not contain spaces." },
        { "Token 0123456789abcdef0123456789abcdef01234567", HttpStatusCode.Unauthorized, "Invalid token" },
        { "Bearer not-a-token", HttpStatusCode.Unauthorized, "Invalid token" },
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedHeaders))]
    public async Task Account_info_refuses_bad_authorization_headers(string? header, HttpStatusCode expected, string detail)
    {
        using var client = Server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountInfo);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await client.SendAsync(request);
        var body = await response.ReadJsonAsync(expected);

        Assert.Equal(new JsonObject { ["detail"] = detail }.ToJsonString(), body.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("Token")]
    [InlineData("token")]
    [InlineData("TOKEN")]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    public async Task Account_info_accepts_token_and_bearer_in_any_case(string scheme)
    {
        var user = await UserAsync();
        using var client = Server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AccountInfo);
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {user.Account.Token}");

        using var response = await client.SendAsync(request);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(user.Id, body.Str("email"));
    }

    [SkippableFact]
    public async Task Account_info_describes_the_caller()
    {
        var user = await UserAsync();
        using var client = user.Client();

        var body = await client.GetJsonAsync(AccountInfo);

        Assert.Matches(VirtualId(), body.Str("email"));
        Assert.Equal(user.Id, body.Str("email"));
        Assert.Equal(user.Email, body.Str("contact_email"));
        Assert.Equal(user.Email.Split('@')[0], body.Str("name"));
        Assert.False(body["is_staff"]!.GetValue<bool>());
        Assert.True(body["is_active"]!.GetValue<bool>());
        Assert.Equal(-1, body.Long("org_id"));
        Assert.False(body["is_org_staff"]!.GetValue<bool>());
        Assert.Matches(IsoTime(), body.Str("create_time"));
    }

    [SkippableFact]
    public async Task Admin_account_info_shows_is_staff()
    {
        using var admin = await Server.CreateAdminClientAsync();

        var body = await admin.GetJsonAsync(AccountInfo);

        Assert.True(body["is_staff"]!.GetValue<bool>());
        Assert.Equal(Server.Factory.AdminEmail, body.Str("contact_email"));
    }

    [SkippableFact]
    public async Task User_v21_returns_the_same_account_as_account_info()
    {
        var user = await UserAsync();
        using var client = user.Client();

        var info = await client.GetJsonAsync(AccountInfo);
        var v21 = await client.GetJsonAsync("/api/v2.1/user/");

        Assert.Equal(info.ToJsonString(), v21.ToJsonString());
        Assert.Equal(user.Id, v21.Str("email"));
    }

    [SkippableFact]
    public async Task User_v21_needs_authentication()
    {
        using var client = Server.Factory.CreateClient();

        var body = await client.GetJsonAsync("/api/v2.1/user/", HttpStatusCode.Forbidden);

        AssertDetail(body, NotAuthenticated);
    }

    [SkippableTheory]
    [InlineData("/api2/ping/")]
    [InlineData("/api2/ping")]
    public async Task Ping_answers_pong_without_authentication(string path)
    {
        using var client = Server.Factory.CreateClient();

        using var response = await client.GetAsync(path);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("pong", body.GetValue<string>());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
