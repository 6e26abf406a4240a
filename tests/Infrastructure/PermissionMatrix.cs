using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// Who calls. On the account API (<see cref="Surface.Account"/>) users send their account token; on the base
/// API (<see cref="Surface.Base"/>) they send a base token (JWT) issued to them for the scene's base.
/// </summary>
public enum Actor
{
    Anonymous,
    /// <summary>An unknown 40-hex token.</summary>
    InvalidToken,
    /// <summary>A user the base is not shared with.</summary>
    Stranger,
    /// <summary>A user with an "r" share of the base.</summary>
    ReadShare,
    /// <summary>A user with an "rw" share of the base.</summary>
    ReadWriteShare,
    /// <summary>The system admin, who does not own the base and has no share.</summary>
    SystemAdmin,
    Owner,
    /// <summary>An "r" API token of the base: the token itself on the account API, its base token on the base API.</summary>
    ApiTokenRead,
    /// <summary>An "rw" API token of the base: the token itself on the account API, its base token on the base API.</summary>
    ApiTokenReadWrite,
    /// <summary>An "rw" API token of another base of the owner.</summary>
    OtherBaseApiToken,
    /// <summary>A base token of the base, signed with the server's key, expired five minutes ago.</summary>
    ExpiredToken,
    /// <summary>A base token of the base that looks right but is signed with a random key.</summary>
    ForgedToken,
    /// <summary>An "rw" API token that worked and was then deleted (its issued base token on the base API).</summary>
    RevokedApiToken,
}

/// <summary>Which API a call goes to; it decides the credential an actor presents.</summary>
public enum Surface
{
    /// <summary>dtable-web's /api/…: "Token &lt;account token&gt;".</summary>
    Account,
    /// <summary>dtable-server's and the API gateway's /…/dtables/&lt;uuid&gt;/…: "Token &lt;base token&gt;".</summary>
    Base,
}

/// <summary>An answer as it came: status, media type and raw bytes (a download is not JSON).</summary>
public sealed record MatrixAnswer(HttpStatusCode Status, string? MediaType, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public JsonNode Json => JsonNode.Parse(Text) ?? throw new Xunit.Sdk.XunitException($"JSON null: {Text}");
}

/// <summary>What a call must answer: the status and, unless only the status is checked, the body.</summary>
public sealed record Outcome(HttpStatusCode Status, string? ExactBody = null, bool AnyError = false)
{
    public static Outcome Success { get; } = Exactly(HttpStatusCode.OK, new JsonObject { ["success"] = true });

    /// <summary>The status only: the test checks the body of an allowed call itself.</summary>
    public static Outcome Answers(HttpStatusCode status) => new(status);

    public static Outcome Exactly(HttpStatusCode status, JsonObject body) => new(status, body.ToJsonString());

    public static Outcome Detail(HttpStatusCode status, string detail) => Exactly(status, new JsonObject { ["detail"] = detail });

    public static Outcome Error(HttpStatusCode status, string message) => Exactly(status, new JsonObject { ["error_msg"] = message });

    /// <summary>The status and some error_msg (the base API words its refusals per cause).</summary>
    public static Outcome SomeError(HttpStatusCode status) => new(status, AnyError: true);

    public void Check(MatrixAnswer answer, string context)
    {
        Assert.True(answer.Status == Status, $"{context}: expected {(int)Status}, got {(int)answer.Status}: {answer.Text}");
        if (ExactBody is not null)
        {
            // Both sides go through the same serializer, so escaping cannot make equal bodies differ.
            Assert.True(ExactBody == answer.Json.ToJsonString(), $"{context}: expected {ExactBody}, got {answer.Text}");
        }

        if (AnyError)
        {
            Assert.True(answer.Json["error_msg"] is JsonValue, $"{context}: expected an error_msg, got {answer.Text}");
        }
    }
}

/// <summary>
/// One row of a permission matrix: a call (method, route, body, all from the scene) and the actors allowed
/// to make it. Everyone else is refused: first by who they are (<see cref="PermissionMatrix.Unauthenticated"/>:
/// no or a foreign credential), then by <see cref="Denied"/> (a known caller without the right).
/// </summary>
public sealed record MatrixCall(
    HttpMethod Method, Func<PermissionScene, string> Route, Func<PermissionScene, HttpContent?>? Body, IReadOnlyCollection<Actor> Allowed)
{
    public Surface Surface { get; init; } = Surface.Account;

    /// <summary>What an allowed actor gets; the status only unless told.</summary>
    public Outcome Granted { get; init; } = Outcome.Answers(HttpStatusCode.OK);

    /// <summary>What a known caller without the right gets.</summary>
    public Outcome Denied { get; init; } = Outcome.Error(HttpStatusCode.Forbidden, PermissionDenied);

    /// <summary>
    /// Repeats the call (for reads only) for up to ten seconds until it answers the expected status: a
    /// permission change reaches a silo's token checks within its revocation interval, not at once.
    /// </summary>
    public bool Settles { get; init; }

    public bool Allows(Actor actor) => Allowed.Contains(actor);

    public Outcome Expected(Actor actor) =>
        Allows(actor) ? Granted : PermissionMatrix.Unauthenticated(actor, Surface) ?? Denied;
}

/// <summary>
/// The calls of one area keyed by name (an enum of operations), run against the actors the area is tried
/// with. A new endpoint is one more line in its area's matrix:
/// <code>[Op.ListViews] = new(HttpMethod.Get, s => $"…/{s.Uuid}/views/", null, [Actor.Owner, Actor.ReadShare]) { Surface = Surface.Base },</code>
/// and the area's theories pick it up through <see cref="Refusals"/>, <see cref="Grants"/> or <see cref="Cases"/>
/// (each theory row makes a new <see cref="PermissionScene"/> and calls <see cref="PermissionMatrix.AssertAsync(PermissionScene, Actor, MatrixCall)"/>).
/// </summary>
public sealed class PermissionMatrix<TKey>(params Actor[] actors)
    where TKey : notnull
{
    private readonly List<(TKey Key, MatrixCall Call)> _calls = [];

    public IReadOnlyList<Actor> Actors => actors;

    public MatrixCall this[TKey key]
    {
        get => _calls.Single(c => EqualityComparer<TKey>.Default.Equals(c.Key, key)).Call;
        init
        {
            Assert.DoesNotContain(_calls, c => EqualityComparer<TKey>.Default.Equals(c.Key, key));
            Assert.All(value.Allowed, a => Assert.Contains(a, actors));
            _calls.Add((key, value));
        }
    }

    /// <summary>Every actor the call refuses, with the call, actors first.</summary>
    public TheoryData<Actor, TKey> Refusals => Pairs(allowed: false);

    /// <summary>Every actor the call allows, with the call.</summary>
    public TheoryData<Actor, TKey> Grants => Pairs(allowed: true);

    /// <summary>Every actor with every call.</summary>
    public TheoryData<Actor, TKey> Cases => Pairs(allowed: null);

    /// <summary>Every actor, for a test that makes one call (or a few that go together) as each.</summary>
    public TheoryData<Actor> Everyone => [.. actors];

    private TheoryData<Actor, TKey> Pairs(bool? allowed)
    {
        var data = new TheoryData<Actor, TKey>();
        foreach (var actor in actors)
        {
            foreach (var (key, call) in _calls.Where(c => allowed is not { } a || c.Call.Allows(actor) == a))
            {
                data.Add(actor, key);
            }
        }

        Assert.NotEmpty(data);
        return data;
    }
}

/// <summary>The refusals that depend on the credential alone, before any rule of the call.</summary>
public static class PermissionMatrix
{
    /// <summary>What the actor gets on that surface whatever it calls, or null when the credential is accepted.</summary>
    public static Outcome? Unauthenticated(Actor actor, Surface surface) => (surface, actor) switch
    {
        (Surface.Account, Actor.Anonymous) => Outcome.Detail(HttpStatusCode.Forbidden, NotAuthenticated),
        (Surface.Account, Actor.Stranger or Actor.ReadShare or Actor.ReadWriteShare or Actor.SystemAdmin or Actor.Owner) => null,
        // Anything but an account token: an API token is not one (reference 2), nor a base token.
        (Surface.Account, _) => Outcome.Detail(HttpStatusCode.Unauthorized, "Invalid token"),
        (Surface.Base, Actor.ExpiredToken) => Outcome.Error(HttpStatusCode.Forbidden, "Token expired."),
        (Surface.Base, Actor.Anonymous or Actor.InvalidToken or Actor.OtherBaseApiToken or Actor.ForgedToken or Actor.RevokedApiToken) =>
            Outcome.SomeError(HttpStatusCode.Forbidden),
        _ => null,
    };

    /// <summary>Makes the call as the actor and checks the outcome the matrix expects; the answer.</summary>
    public static async Task<MatrixAnswer> AssertAsync(this PermissionScene scene, Actor actor, MatrixCall call)
    {
        using var client = await scene.ClientAsync(actor, call.Surface);
        return await scene.AssertAsync(actor, call, client);
    }

    /// <summary>The same with the actor's client, for tests that go on with it (download what they exported).</summary>
    public static async Task<MatrixAnswer> AssertAsync(this PermissionScene scene, Actor actor, MatrixCall call, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(call);
        var expected = call.Expected(actor);
        var route = call.Route(scene);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        var answer = await SendAsync(client, call.Method, route, call.Body?.Invoke(scene));
        while (call.Settles && answer.Status != expected.Status && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
            answer = await SendAsync(client, call.Method, route, call.Body?.Invoke(scene));
        }

        expected.Check(answer, $"{actor} {call.Method} {route} ({(call.Allows(actor) ? "allowed" : "refused")})");
        return answer;
    }

    public static async Task<MatrixAnswer> SendAsync(HttpClient client, HttpMethod method, string route, HttpContent? body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, route) { Content = body };
        using var response = await client.SendAsync(request);
        return new MatrixAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>How a kit wants its scene: the base's name prefix and the app names of its API tokens.</summary>
public sealed record SceneOptions(string BasePrefix = "matrix", string ReadApp = "reader-app", string ReadWriteApp = "writer-app");

/// <summary>
/// A new base of the owner (Table1 with the three rows a new base starts with), shared "r" with the reader and
/// "rw" with the writer, and the actors around it. Credentials that need setup (API tokens, base tokens, the
/// other base, the revoked token) are made on first use and kept for the scene.
/// </summary>
public sealed class PermissionScene
{
    private readonly Shared _shared;

    private PermissionScene(Shared shared, long workspaceId)
    {
        _shared = shared;
        WorkspaceId = workspaceId;
    }

    public ApiUser Owner => _shared.Owner;

    public ApiUser Reader => _shared.Reader;

    public ApiUser Writer => _shared.Writer;

    public ApiUser Stranger => _shared.Stranger;

    public string Name => _shared.Name;

    public string Uuid => _shared.Uuid;

    public long Id => _shared.Id;

    /// <summary>The workspace the routes name: the owner's, or another to try the base under the wrong one.</summary>
    public long WorkspaceId { get; }

    /// <summary>Whether <see cref="TrashAsync"/> moved the base to the owner's trash.</summary>
    public bool Trashed => _shared.Trashed;

    /// <summary>A value a kit's setup leaves for its routes (an export's task id).</summary>
    public string this[string key]
    {
        get => _shared.Values[key];
        set => _shared.Values[key] = value;
    }

    public SeaTableAppFactory Factory => _shared.Server.Factory;

    /// <summary>A first table read through the base API, which any base token of the base may do.</summary>
    public string RowsProbe => $"/dtable-server/api/v1/dtables/{Uuid}/rows/?table_name=Table1";

    public static async Task<PermissionScene> CreateAsync(ServerFixture server, ClassUsers users, SceneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(users);
        options ??= new SceneOptions();
        var owner = await users.GetAsync(server, "owner");
        var reader = await users.GetAsync(server, "reader");
        var writer = await users.GetAsync(server, "writer");
        var stranger = await users.GetAsync(server, "stranger");
        using var client = owner.Client();
        var name = NewBaseName(options.BasePrefix);
        var table = await client.CreateBaseAsync(name);
        await client.ShareAsync(owner.WorkspaceId, name, reader.Id, "r");
        await client.ShareAsync(owner.WorkspaceId, name, writer.Id, "rw");
        var shared = new Shared(server, users, options, owner, reader, writer, stranger, name, table.Str("uuid"), table.Long("id"));
        return new PermissionScene(shared, owner.WorkspaceId);
    }

    /// <summary>The same scene with its routes naming another workspace.</summary>
    public PermissionScene InWorkspace(long workspaceId) => new(_shared, workspaceId);

    /// <summary>Another user of the test class, by role.</summary>
    public Task<ApiUser> UserAsync(string role) => _shared.Users.GetAsync(_shared.Server, role);

    /// <summary>Moves the base to the owner's trash, for the calls on trashed bases.</summary>
    public async Task TrashAsync()
    {
        using var client = Owner.Client();
        await client.DeleteBaseAsync(Owner.WorkspaceId, Name);
        _shared.Trashed = true;
    }

    /// <summary>The base's API token object with that permission ("r" or "rw"), created on first use.</summary>
    public Task<JsonObject> ApiTokenAsync(string permission) => Once($"api-token {permission}", async () =>
    {
        using var client = Owner.Client();
        var app = permission == "r" ? _shared.Options.ReadApp : _shared.Options.ReadWriteApp;
        return await client.CreateTokenAsync(Owner.WorkspaceId, Name, app, permission);
    });

    /// <summary>A new client acting as the actor on that surface; dispose it after use.</summary>
    public async Task<HttpClient> ClientAsync(Actor actor, Surface surface)
    {
        switch (actor, surface)
        {
            case (Actor.Anonymous, _):
                return Factory.CreateClient();
            case (Actor.SystemAdmin, Surface.Account):
                return await _shared.Server.CreateAdminClientAsync();
            case (Actor.Stranger or Actor.ReadShare or Actor.ReadWriteShare or Actor.Owner, Surface.Account):
                return UserOf(actor).Client();
            default:
                var client = Factory.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", await CredentialAsync(actor, surface));
                return client;
        }
    }

    private ApiUser UserOf(Actor actor) => actor switch
    {
        Actor.Stranger => Stranger,
        Actor.ReadShare => Reader,
        Actor.ReadWriteShare => Writer,
        Actor.Owner => Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(actor)),
    };

    /// <summary>The token the actor sends on that surface.</summary>
    private async Task<string> CredentialAsync(Actor actor, Surface surface)
    {
        switch (actor)
        {
            case Actor.InvalidToken:
                return new string('0', 40);
            case Actor.ReadShare or Actor.ReadWriteShare or Actor.Owner when surface == Surface.Base:
                return await UserBaseTokenAsync(UserOf(actor));
            case Actor.ApiTokenRead or Actor.ApiTokenReadWrite:
                var token = (await ApiTokenAsync(actor == Actor.ApiTokenRead ? "r" : "rw")).Str("api_token");
                return surface == Surface.Account ? token : await ExchangeOnceAsync(token);
            case Actor.OtherBaseApiToken:
                var other = await OtherBaseTokenAsync();
                return surface == Surface.Account ? other : await ExchangeOnceAsync(other);
            case Actor.ExpiredToken:
                return Sign(Factory.SigningKey(), DateTimeOffset.UtcNow.AddMinutes(-5));
            case Actor.ForgedToken:
                return Sign(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), DateTimeOffset.UtcNow.AddDays(1));
            case Actor.RevokedApiToken:
                return await RevokedAsync(surface);
            default:
                // A stranger or the system admin has no base token of the base to send: the access-token call refuses them.
                throw new NotSupportedException($"{actor} has no credential on the {surface} API");
        }
    }

    /// <summary>The base token the user gets from the access-token call, as SeaTable's web client does.</summary>
    private Task<string> UserBaseTokenAsync(ApiUser user) => Once($"base-token {user.Id}", async () =>
    {
        using var client = user.Client();
        return (await client.GetJsonAsync(AccessTokenUrl)).Str("access_token");
    });

    public string AccessTokenUrl => $"/api/v2.1/workspace/{Owner.WorkspaceId}/dtable/{Uri.EscapeDataString(Name)}/access-token/";

    private Task<string> ExchangeOnceAsync(string apiToken) => Once($"exchange {apiToken}", async () =>
        (await Factory.ExchangeAsync(apiToken)).Str("access_token"));

    private Task<string> OtherBaseTokenAsync() => Once("other base", async () =>
    {
        using var client = Owner.Client();
        var name = NewBaseName(_shared.Options.BasePrefix + "-other");
        await client.CreateBaseAsync(name);
        return (await client.CreateTokenAsync(Owner.WorkspaceId, name, "other-app", "rw")).Str("api_token");
    });

    /// <summary>
    /// An "rw" token shown to work, then deleted. On the base API its issued base token is returned once a read
    /// with it is refused: a silo trusts its last check for the revocation interval, and every call of the
    /// matrix must meet the revocation, not only the first.
    /// </summary>
    private Task<string> RevokedAsync(Surface surface) => Once($"revoked {surface}", async () =>
    {
        using var owner = Owner.Client();
        var app = $"doomed-app-{surface}";
        var apiToken = (await owner.CreateTokenAsync(Owner.WorkspaceId, Name, app, "rw")).Str("api_token");
        if (surface == Surface.Account)
        {
            await owner.CallAsync(HttpMethod.Delete, TokenUrl(Owner.WorkspaceId, Name, app), null, HttpStatusCode.OK);
            return apiToken;
        }

        var jwt = await ExchangeOnceAsync(apiToken);
        using var before = Factory.CreateClient(jwt);
        Assert.Equal(3, (await before.GetJsonAsync(RowsProbe)).Objects("rows").Count);
        await owner.CallAsync(HttpMethod.Delete, TokenUrl(Owner.WorkspaceId, Name, app), null, HttpStatusCode.OK);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while ((await PermissionMatrix.SendAsync(before, HttpMethod.Get, RowsProbe, null)).Status != HttpStatusCode.Forbidden)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the deleted token's base token still reads after ten seconds");
            await Task.Delay(200);
        }

        return jwt;
    });

    /// <summary>A user base token as the server signs them, with the given key and expiry.</summary>
    private string Sign(SecurityKey key, DateTimeOffset expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["exp"] = expires.ToUnixTimeSeconds(), ["dtable_uuid"] = Uuid, ["permission"] = "rw", ["username"] = Owner.Id,
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    private Task<T> Once<T>(string key, Func<Task<T>> make)
        where T : class
    {
        if (!_shared.Made.TryGetValue(key, out var made))
        {
            made = make();
            _shared.Made[key] = made;
        }

        return (Task<T>)made;
    }

    /// <summary>What every view of the scene (<see cref="InWorkspace"/>) shares.</summary>
    private sealed class Shared(
        ServerFixture server, ClassUsers users, SceneOptions options,
        ApiUser owner, ApiUser reader, ApiUser writer, ApiUser stranger, string name, string uuid, long id)
    {
        public ServerFixture Server => server;

        public ClassUsers Users => users;

        public SceneOptions Options => options;

        public ApiUser Owner => owner;

        public ApiUser Reader => reader;

        public ApiUser Writer => writer;

        public ApiUser Stranger => stranger;

        public string Name => name;

        public string Uuid => uuid;

        public long Id => id;

        public bool Trashed { get; set; }

        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        // Scenes are used by one test at a time, so no lock.
        public Dictionary<string, Task> Made { get; } = new(StringComparer.Ordinal);
    }
}
