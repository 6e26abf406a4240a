using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Api;

/// <summary>The three body encodings SeaTable's clients use for the same call.</summary>
public enum BodyKind
{
    Json,
    Form,
    Multipart,
}

/// <summary>Request bodies for the HTTP tests.</summary>
public static class Bodies
{
    public static HttpContent Of(BodyKind kind, params (string Key, string Value)[] fields) => kind switch
    {
        BodyKind.Json => Json(fields),
        BodyKind.Form => Form(fields),
        BodyKind.Multipart => Multipart(fields),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A JSON object whose members are the fields, all strings.</summary>
    public static HttpContent Json(params (string Key, string Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (key, value) in fields)
        {
            json[key] = value;
        }

        return RawJson(json.ToJsonString());
    }

    public static HttpContent RawJson(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    public static HttpContent Form(params (string Key, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    public static HttpContent Multipart(params (string Key, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        return content;
    }
}

/// <summary>Calls and assertions shared by the Api tests.</summary>
public static partial class ApiCalls
{
    public const string Workspaces = "/api/v2.1/workspaces/";
    public const string DTables = "/api/v2.1/dtables/";
    public const string SharedDTables = "/api/v2.1/dtables/shared/";
    public const string Trash = "/api/v2.1/trash-dtables/";
    public const string AccountInfo = "/api2/account/info/";
    public const string AuthToken = "/api2/auth-token/";
    public const string AdminUsers = "/api/v2.1/admin/users/";
    public const string AdminOrganizations = "/api/v2.1/admin/organizations/";
    public const string PermissionDenied = "Permission denied.";
    public const string NotAuthenticated = "Authentication credentials were not provided.";
    public const string NotStaff = "You do not have permission to perform this action.";

    /// <summary>dtable-web's time format: seconds precision, UTC offset.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")]
    public static partial Regex IsoTime();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    public static partial Regex DashedUuid();

    [GeneratedRegex("^[0-9a-f]{32}@auth\\.local$")]
    public static partial Regex VirtualId();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    public static partial Regex LoginToken();

    /// <summary>A base name no other test uses.</summary>
    public static string NewBaseName(string prefix = "base") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static string WorkspaceDTable(long workspaceId) => $"/api/v2.1/workspace/{workspaceId}/dtable/";

    public static string ShareUrl(long workspaceId, string name) =>
        $"/api/v2.1/workspace/{workspaceId}/dtable/{Uri.EscapeDataString(name)}/share/";

    public static string RestoreUrl(long id) => $"{Trash}{id.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>Sends the request and reads the JSON answer, failing with the body when the status differs.</summary>
    public static async Task<JsonNode> CallAsync(this HttpClient client, HttpMethod method, string uri, HttpContent? content, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        using var response = await client.SendAsync(request);
        return await response.ReadJsonAsync(expected);
    }

    /// <summary>The status and the raw body, for the checks that must see any answer.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendRawAsync(this HttpClient client, HttpMethod method, string uri, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static void AssertError(JsonNode body, string message) =>
        Assert.Equal(message, body["error_msg"]?.GetValue<string>());

    public static void AssertDetail(JsonNode body, string detail) =>
        Assert.Equal(detail, body["detail"]?.GetValue<string>());

    public static void AssertSuccess(JsonNode body) =>
        Assert.True(body["success"]?.GetValue<bool>(), $"Expected {{\"success\":true}}, got {body.ToJsonString()}");

    public static string Str(this JsonNode? node, string name) =>
        node?[name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"No string \"{name}\" in {node?.ToJsonString()}");

    public static long Long(this JsonNode? node, string name) =>
        node?[name]?.GetValue<long>() ?? throw new Xunit.Sdk.XunitException($"No number \"{name}\" in {node?.ToJsonString()}");

    public static List<JsonObject> Objects(this JsonNode? node, string name) =>
        node?[name] is JsonArray array
            ? [.. array.Select(n => n!.AsObject())]
            : throw new Xunit.Sdk.XunitException($"No array \"{name}\" in {node?.ToJsonString()}");

    /// <summary>POST /api/v2.1/dtables/ (multipart name) as the client: the "table" object.</summary>
    public static async Task<JsonObject> CreateBaseAsync(this HttpClient client, string name)
    {
        var body = await client.CallAsync(HttpMethod.Post, DTables, Bodies.Multipart(("name", name)), HttpStatusCode.Created);
        return body["table"]!.AsObject();
    }

    public static async Task<List<JsonObject>> WorkspaceListAsync(this HttpClient client, string query = "")
    {
        var body = await client.GetJsonAsync(Workspaces + query);
        return body.Objects("workspace_list");
    }

    public static async Task<JsonObject> PersonalWorkspaceAsync(this HttpClient client) =>
        Assert.Single(await client.WorkspaceListAsync(), w => w.Str("type") == "personal");

    public static async Task<long> WorkspaceIdAsync(this HttpClient client) => (await client.PersonalWorkspaceAsync()).Long("id");

    /// <summary>The live bases of the caller's personal workspace.</summary>
    public static async Task<List<JsonObject>> OwnBasesAsync(this HttpClient client) =>
        (await client.PersonalWorkspaceAsync()).Objects("table_list");

    /// <summary>The caller's live base of that name, or null.</summary>
    public static async Task<JsonObject?> FindOwnBaseAsync(this HttpClient client, string name) =>
        (await client.OwnBasesAsync()).SingleOrDefault(t => t.Str("name") == name);

    /// <summary>The "shared" entry's shared_table_list of GET /api/v2.1/workspaces/.</summary>
    public static async Task<List<JsonObject>> SharedInWorkspacesAsync(this HttpClient client) =>
        Assert.Single(await client.WorkspaceListAsync(), w => w.Str("type") == "shared").Objects("shared_table_list");

    /// <summary>GET /api/v2.1/dtables/shared/'s table_list.</summary>
    public static async Task<List<JsonObject>> SharedDTablesAsync(this HttpClient client) =>
        (await client.GetJsonAsync(SharedDTables)).Objects("table_list");

    public static async Task<JsonNode> TrashAsync(this HttpClient client, string query = "") =>
        await client.GetJsonAsync(Trash + query);

    public static async Task<List<JsonObject>> TrashListAsync(this HttpClient client) =>
        (await client.TrashAsync("?per_page=1000")).Objects("trash_dtable_list");

    public static async Task DeleteBaseAsync(this HttpClient client, long workspaceId, string name) =>
        AssertSuccess(await client.CallAsync(HttpMethod.Delete, WorkspaceDTable(workspaceId), Bodies.Json(("name", name)), HttpStatusCode.OK));

    public static async Task ShareAsync(this HttpClient client, long workspaceId, string name, string target, string permission) =>
        AssertSuccess(await client.CallAsync(HttpMethod.Post, ShareUrl(workspaceId, name),
            Bodies.Form(("email", target), ("permission", permission)), HttpStatusCode.Created));

    /// <summary>GET …/share/'s user_list, as the owner sees it.</summary>
    public static async Task<List<JsonObject>> SharesAsync(this HttpClient client, long workspaceId, string name) =>
        (await client.GetJsonAsync(ShareUrl(workspaceId, name))).Objects("user_list");
}

/// <summary>A user of a test class: the account, a client acting as them, and their personal workspace.</summary>
public sealed record ApiUser(TestUser Account, string Name, long WorkspaceId, SeaTableAppFactory Factory)
{
    public string Id => Account.Id;

    public string Email => Account.Email;

    /// <summary>A new client with this user's token; dispose it after use.</summary>
    public HttpClient Client() => Factory.CreateClient(Account.Token);
}

/// <summary>
/// Users created once per test class (an <see cref="IClassFixture{TFixture}"/>), by role name, on first use:
/// class fixtures cannot take the collection's server in their constructor, so the server comes with the call.
/// Each storage variant of a test class has its own instance, so its users live on its own server.
/// </summary>
public sealed class ClassUsers
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ApiUser>>> _users = new(StringComparer.Ordinal);

    public Task<ApiUser> GetAsync(ServerFixture server, string role) =>
        _users.GetOrAdd(role, r => new Lazy<Task<ApiUser>>(() => CreateAsync(server, r))).Value;

    public static async Task<ApiUser> CreateAsync(ServerFixture server, string prefix)
    {
        using var admin = await server.CreateAdminClientAsync();
        var account = await server.Factory.CreateUserAndLoginAsync(admin, prefix);
        using var client = server.Factory.CreateClient(account.Token);
        var info = await client.GetJsonAsync(ApiCalls.AccountInfo);
        return new ApiUser(account, info.Str("name"), info.Long("workspace_id"), server.Factory);
    }
}

/// <summary>
/// The base of the HTTP test classes. Each class holds its tests in an abstract class taking the server as a
/// <see cref="ServerFixture"/> and runs them twice through two sealed classes: <c>XxxTests_Sqlite</c> in the
/// "server" collection (<see cref="SharedServer"/>) and <c>XxxTests_PostgreSql</c> in the "server-postgresql"
/// collection (<see cref="PostgresSharedServer"/>). Tests are [SkippableFact]/[SkippableTheory]: on a machine
/// without PostgreSQL the PostgreSQL variant skips here, in the constructor, before any request (a plain
/// [Fact] would report that skip as a failure).
/// </summary>
public abstract class ApiTests
{
    protected ApiTests(ServerFixture server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.SkipIfUnavailable();
        Server = server;
    }

    /// <summary>The server of the variant running: SQLite or PostgreSQL.</summary>
    protected ServerFixture Server { get; }
}
