using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Tests.Infrastructure;

/// <summary>The calls most HTTP tests start with: log in, act as a user, create users, read JSON bodies.</summary>
public static class ApiHelpers
{
    /// <summary>A contact email no other test uses.</summary>
    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}@example.com";

    /// <summary>POST /api2/auth-token/ and the token; fails the test when the login is refused.</summary>
    public static async Task<string> LoginAsync(this SeaTableAppFactory factory, string username, string password)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api2/auth-token/", new { username, password });
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        return body["token"]?.GetValue<string>() ?? throw new InvalidOperationException($"No token in {body.ToJsonString()}");
    }

    public static Task<string> LoginAdminAsync(this SeaTableAppFactory factory) =>
        factory.LoginAsync(factory.AdminEmail, factory.AdminPassword);

    /// <summary>A client that sends "Authorization: Token &lt;token&gt;" on every request.</summary>
    public static HttpClient CreateClient(this SeaTableAppFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return client;
    }

    /// <summary>POST /api/v2.1/admin/users/ with an admin client; returns the body, whose "email" is the virtual id.</summary>
    public static async Task<JsonObject> CreateUserAsync(this HttpClient adminClient, string email, string password, string? name = null)
    {
        using var response = await adminClient.PostAsJsonAsync("/api/v2.1/admin/users/", new { email, password, name = name ?? email.Split('@')[0] });
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).AsObject();
    }

    /// <summary>Creates a user and logs in as them.</summary>
    public static async Task<TestUser> CreateUserAndLoginAsync(this SeaTableAppFactory factory, HttpClient adminClient, string prefix = "user")
    {
        var email = NewEmail(prefix);
        const string password = "User-Passw0rd";
        var created = await adminClient.CreateUserAsync(email, password);
        var token = await factory.LoginAsync(email, password);
        return new TestUser(created["email"]!.GetValue<string>(), email, password, token);
    }

    /// <summary>The body as JSON; when a status is given, fails with the body in the message if it differs.</summary>
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (expected is { } status && response.StatusCode != status)
        {
            throw new Xunit.Sdk.XunitException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"The body is JSON null: {text}");
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string uri, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(uri);
        return await response.ReadJsonAsync(expected);
    }
}

/// <summary>A user created for a test: virtual id, login email, password and login token.</summary>
public sealed record TestUser(string Id, string Email, string Password, string Token);
