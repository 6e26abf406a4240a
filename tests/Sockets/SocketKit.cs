using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Connections;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// A server of its own (SQLite, in memory) with short socket timings, for the tests that wait for pings,
/// timeouts and leases: ping every second, three seconds to answer, leases of three seconds. The answer
/// time is not one second: on a loaded CI machine a test client's pong was once more than two seconds late,
/// and the server dropped for a ping timeout a socket the test expected it to close for another reason.
/// </summary>
public sealed class SocketServer : ServerFixture
{
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    public override string Storage => "SQLite";

    public override SeaTableAppFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["SeaTable:Sockets:PingInterval"] = PingInterval.ToString("c", CultureInfo.InvariantCulture),
        ["SeaTable:Sockets:PingTimeout"] = PingTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["SeaTable:Sockets:LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
    });

    public override Task InitializeAsync()
    {
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    protected override async Task StopAsync() => await Factory.DisposeAsync();
}

/// <summary>A base with one API token, exchanged for its app JWT.</summary>
public sealed record TokenBase(ApiUser Owner, string Name, string Uuid, string AppName, string ApiToken, string Jwt)
{
    public long WorkspaceId => Owner.WorkspaceId;
}

/// <summary>The token and status calls the socket tests need (E1, E4, E5, E8).</summary>
public static class SocketCalls
{
    public const string AppAccessToken = "/api/v2.1/dtable/app-access-token/";

    public static string TokensUrl(long workspaceId, string baseName) =>
        $"/api/v2.1/workspace/{workspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(baseName)}/api-tokens/";

    public static string StatusUrl(long workspaceId, string baseName) =>
        $"/api/v2.1/workspace/{workspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(baseName)}/api-tokens-status/";

    /// <summary>E1: the token object (201).</summary>
    public static async Task<JsonObject> CreateApiTokenAsync(this HttpClient owner, long workspaceId, string baseName, string appName, string permission = "rw") =>
        (await owner.CallAsync(HttpMethod.Post, TokensUrl(workspaceId, baseName),
            Bodies.Json(("app_name", appName), ("permission", permission)), HttpStatusCode.Created)).AsObject();

    /// <summary>E4: {"success":true}.</summary>
    public static async Task DeleteApiTokenAsync(this HttpClient owner, long workspaceId, string baseName, string appName) =>
        AssertSuccess(await owner.CallAsync(HttpMethod.Delete, TokensUrl(workspaceId, baseName) + Uri.EscapeDataString(appName) + "/", null, HttpStatusCode.OK));

    /// <summary>E5 with "Authorization: Token &lt;api token&gt;": the answer (200).</summary>
    public static async Task<JsonNode> ExchangeAsync(this HttpClient anonymous, string apiToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AppAccessToken);
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + apiToken);
        using var response = await anonymous.SendAsync(request);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>E8 (200): app name → connected, after checking both keys hold the same list of exactly three fields.</summary>
    public static async Task<Dictionary<string, bool>> ConnectedAsync(this HttpClient client, long workspaceId, string baseName)
    {
        var body = await client.GetJsonAsync(StatusUrl(workspaceId, baseName));
        return ParseStatus(body);
    }

    /// <summary>Checks an E8 body's shape and returns app name → connected.</summary>
    public static Dictionary<string, bool> ParseStatus(JsonNode body)
    {
        Assert.Equal(["api_status_list", "app_status"], body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(body["api_status_list"]!.ToJsonString(), body["app_status"]!.ToJsonString());
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var item in body.Objects("api_status_list"))
        {
            Assert.Equal(["app_name", "connected", "last_access"], item.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Matches(IsoTime(), item.Str("last_access"));
            result.Add(item.Str("app_name"), item["connected"]!.GetValue<bool>());
        }

        return result;
    }

    /// <summary>Polls E8 until the app shows <paramref name="expected"/>; how long it took, or a failure after the limit.</summary>
    public static async Task<TimeSpan> WaitConnectedAsync(this HttpClient client, long workspaceId, string baseName, string appName, bool expected, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = await client.ConnectedAsync(workspaceId, baseName);
            if (status.TryGetValue(appName, out var connected) && connected == expected)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > limit)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{appName} did not show connected={expected.ToString().ToLowerInvariant()} within {limit.TotalSeconds:F1} s: {string.Join(", ", status)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The apps the base's connections grain counts as connected now (the source of E8's "connected").</summary>
    public static Task<IReadOnlyList<string>> ConnectedAppsAsync(this SeaTableAppFactory factory, string dtableUuid) =>
        factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IBaseConnectionsGrain>(Guid.Parse(dtableUuid)).GetConnectedApps();

    /// <summary>Creates a base and an API token for it as the owner and exchanges the token for the app JWT.</summary>
    public static async Task<TokenBase> CreateTokenBaseAsync(this ApiUser owner, string appName = "app", string permission = "rw")
    {
        using var client = owner.Client();
        var name = NewBaseName("sock");
        var table = await client.CreateBaseAsync(name);
        var created = await client.CreateApiTokenAsync(owner.WorkspaceId, name, appName, permission);
        using var anonymous = owner.Factory.CreateClient();
        var exchanged = await anonymous.ExchangeAsync(created.Str("api_token"));
        Assert.Equal(table.Str("uuid"), exchanged.Str("dtable_uuid"));
        return new TokenBase(owner, name, table.Str("uuid"), appName, created.Str("api_token"), exchanged.Str("access_token"));
    }

    /// <summary>The JWT's payload as JSON (not verified).</summary>
    public static JsonObject Payload(string jwt) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(new JsonWebToken(jwt).EncodedPayload))!.AsObject();

    /// <summary>A JWT with the given payload, HS256-signed with <paramref name="key"/>; no time claims are added.</summary>
    public static string Sign(JsonObject payload, SecurityKey key)
    {
        var claims = payload.ToDictionary(p => p.Key, p => ToClaim(p.Value));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The key the server signs base tokens with.</summary>
    public static SecurityKey SigningKey(this SeaTableAppFactory factory) =>
        factory.Services.GetRequiredService<BaseTokenIssuer>().SigningKey;

    /// <summary>A copy of the JWT's payload with another expiry, signed with the server's key.</summary>
    public static string WithExpiry(this SeaTableAppFactory factory, string jwt, DateTimeOffset expires)
    {
        var payload = Payload(jwt);
        payload["exp"] = expires.ToUnixTimeSeconds();
        return Sign(payload, factory.SigningKey());
    }

    private static object ToClaim(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        null => "",
        _ => System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(node.ToJsonString()),
    };
}

/// <summary>
/// What the event tests of rows, columns, views and polling share: a socket that joined a base's room, and the
/// operations pushed to it as "update-dtable" events.
/// </summary>
public static class UpdateEvents
{
    public static bool IsUpdate(string packet) => packet.StartsWith("42[\"update-dtable\"", StringComparison.Ordinal);

    /// <summary>A WebSocket client in the base's room (namespace connected, join-room acknowledged with success).</summary>
    public static async Task<SocketIoTestClient> JoinRoomAsync(this SeaTableAppFactory factory, RowBase b)
    {
        var socket = await SocketIoTestClient.ConnectAsync(factory, b.Uuid);
        try
        {
            await socket.ConnectNamespaceAsync();
            Assert.True((await socket.JoinRoomAsync(b.Uuid, b.Jwt))["success"]!.GetValue<bool>());
            return socket;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next event's operation: the event carries it as a JSON string, as dtable-server sends it.</summary>
    public static async Task<JsonNode> NextOperationAsync(this SocketIoTestClient socket) => Operation(await socket.NextAsync(IsUpdate));

    /// <inheritdoc cref="NextOperationAsync(SocketIoTestClient)"/>
    public static async Task<JsonNode> NextOperationAsync(this PollingTestClient socket) => Operation(await socket.NextAsync(IsUpdate));

    private static JsonNode Operation(string packet)
    {
        var arguments = JsonNode.Parse(packet[2..])!.AsArray();
        Assert.Equal("update-dtable", arguments[0]!.GetValue<string>());
        return JsonNode.Parse(arguments[1]!.GetValue<string>())!;
    }
}
