using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.Api.ApiCalls;

namespace SeaTable.Tests.ApiTokens;

/// <summary>Calls and checks of the token API (E1-E4) and the app token exchange (E5).</summary>
public static partial class ApiTokenCalls
{
    public const string AppAccessToken = "/api/v2.1/dtable/app-access-token/";

    /// <summary>The seed's misspelt path, answered too (reference 11 #3).</summary>
    public const string AppAccessTokenOldPath = "/api/v2.1/dtables/app-access-token/";

    public const string TokenNotFound = "api token not found.";

    /// <summary>The six fields of SeaTable's token object (reference 2, _api_token_obj_to_dict).</summary>
    /// <summary>SeaTable's token fields plus ours, which its clients ignore: the token's rate limit and usage record.</summary>
    public static readonly string[] TokenFields = ["app_name", "api_token", "generated_by", "generated_at", "last_access", "permission", "requests_per_minute", "usage"];

    /// <summary>The fields of the current app-access-token answer (reference E5, VCUR).</summary>
    public static readonly string[] AccessFields =
        ["app_name", "access_token", "dtable_uuid", "dtable_server", "dtable_socket", "dtable_db", "workspace_id", "dtable_name", "use_api_gateway"];

    /// <summary>SeaTable's API-token JWT claims (reference 4.1, VCUR) plus the token id and version of the issue.</summary>
    public static readonly string[] JwtClaims =
    [
        "exp", "dtable_uuid", "permission", "org_id", "owner_id", "username", "id_in_org", "user_department_ids_map",
        "app_name", "token_id", "token_version",
    ];

    [GeneratedRegex("^[0-9a-f]{40}$")]
    public static partial Regex ApiToken();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    public static partial Regex TokenId();

    public static string TokensUrl(long workspaceId, string baseName) =>
        $"/api/v2.1/workspace/{workspaceId.ToString(CultureInfo.InvariantCulture)}/dtable/{Uri.EscapeDataString(baseName)}/api-tokens/";

    public static string TokenUrl(long workspaceId, string baseName, string appName) =>
        TokensUrl(workspaceId, baseName) + Uri.EscapeDataString(appName) + "/";

    /// <summary>E1 with a JSON body: the token object (201).</summary>
    public static async Task<JsonObject> CreateTokenAsync(this HttpClient client, long workspaceId, string baseName, string appName, string permission = "rw") =>
        (await client.CallAsync(HttpMethod.Post, TokensUrl(workspaceId, baseName),
            Bodies.Json(("app_name", appName), ("permission", permission)), HttpStatusCode.Created)).AsObject();

    /// <summary>E2: the api_tokens array (200).</summary>
    public static async Task<List<JsonObject>> ListTokensAsync(this HttpClient client, long workspaceId, string baseName) =>
        (await client.GetJsonAsync(TokensUrl(workspaceId, baseName))).Objects("api_tokens");

    /// <summary>E2 as one JSON text, to compare a token list before and after a refused call.</summary>
    public static async Task<string> TokensSnapshotAsync(this HttpClient client, long workspaceId, string baseName) =>
        (await client.GetJsonAsync(TokensUrl(workspaceId, baseName))).ToJsonString();

    /// <summary>E5 with "Authorization: &lt;header&gt;" verbatim (null: no header); status and JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode Body)> ExchangeRawAsync(this SeaTableAppFactory factory, string? authorization, string path = AppAccessToken)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) ?? throw new Xunit.Sdk.XunitException($"GET {path}: not JSON: {text}"));
    }

    /// <summary>E5 with "Token &lt;api token&gt;", expecting that status; the body.</summary>
    public static async Task<JsonNode> ExchangeAsync(this SeaTableAppFactory factory, string apiToken, HttpStatusCode expected = HttpStatusCode.OK,
        string scheme = "Token", string path = AppAccessToken)
    {
        var (status, body) = await factory.ExchangeRawAsync($"{scheme} {apiToken}", path);
        Assert.True(status == expected, $"GET {path}: expected {(int)expected}, got {(int)status}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>The base address the in-memory test client calls ("http://localhost/").</summary>
    public static string PublicBase(this SeaTableAppFactory factory)
    {
        using var client = factory.CreateClient();
        return client.BaseAddress!.ToString();
    }

    /// <summary>The key the server signs base tokens with.</summary>
    public static SecurityKey SigningKey(this SeaTableAppFactory factory) =>
        factory.Services.GetRequiredService<BaseTokenIssuer>().SigningKey;

    /// <summary>
    /// Verifies the JWT (signature with the server's key, HS256, lifetime) and returns its header and payload as JSON.
    /// </summary>
    public static async Task<(JsonObject Header, JsonObject Payload)> VerifyJwtAsync(this SeaTableAppFactory factory, string jwt)
    {
        var handler = new JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = factory.SigningKey(),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
        });
        Assert.True(result.IsValid, $"The JWT does not verify with the server's key: {result.Exception?.Message}");

        var token = new JsonWebToken(jwt);
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedHeader))!.AsObject();
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))!.AsObject();
        return (header, payload);
    }

    /// <summary>Whether the JWT verifies with another key (it must not).</summary>
    public static async Task<bool> VerifiesWithAsync(string jwt, SecurityKey key)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        return result.IsValid;
    }

    public static DateTimeOffset Time(this JsonNode? node, string name) =>
        DateTimeOffset.Parse(node.Str(name), CultureInfo.InvariantCulture);

    public static void AssertKeys(JsonNode node, IEnumerable<string> keys) =>
        Assert.Equal(keys.Order(StringComparer.Ordinal), node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));

    /// <summary>A token object as E1-E3 return it: exact fields, 40-hex token, the caller as generated_by, ISO times.</summary>
    public static void AssertTokenObject(JsonNode token, string appName, string permission, string generatedBy)
    {
        AssertKeys(token, TokenFields);
        Assert.Equal(appName, token.Str("app_name"));
        Assert.Matches(ApiToken(), token.Str("api_token"));
        Assert.Equal(generatedBy, token.Str("generated_by"));
        Assert.Matches(VirtualId(), token.Str("generated_by"));
        Assert.Matches(IsoTime(), token.Str("generated_at"));
        Assert.Matches(IsoTime(), token.Str("last_access"));
        Assert.Equal(permission, token.Str("permission"));
    }

    /// <summary>An unknown 40-hex token.</summary>
    public static string RandomToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
