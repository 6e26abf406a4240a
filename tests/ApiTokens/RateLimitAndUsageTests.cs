using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.ApiTokens;

[Collection(SharedServerCollection.Name)]
public sealed class RateLimitAndUsageTests_Sqlite(SharedServer server, ClassUsers users) : RateLimitAndUsageTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class RateLimitAndUsageTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : RateLimitAndUsageTests(server, users);

/// <summary>Beyond SeaTable: per-token requests-per-minute limits set by the base owner, and each token's usage record.</summary>
public abstract class RateLimitAndUsageTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private async Task<(ApiUser Owner, RowBase Base)> BaseWithTokenAsync(string app = "limited")
    {
        var owner = await users.GetAsync(Server, "limits-owner");
        return (owner, await owner.NewBaseAsync(app, prefix: "limits"));
    }

    private static HttpContent Limit(string value) => Bodies.Form(("requests_per_minute", value));

    private async Task<HttpResponseMessage> ExchangeAsync(string apiToken)
    {
        using var app = Server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AppAccessToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", apiToken);
        request.Headers.UserAgent.ParseAdd("limits-test/1.0");
        return await app.SendAsync(request);
    }

    [SkippableFact]
    public async Task A_token_over_its_limit_gets_429_with_retry_after_and_other_tokens_do_not()
    {
        var (owner, b) = await BaseWithTokenAsync();
        using var client = owner.Client();
        var other = (await client.CreateTokenAsync(owner.WorkspaceId, b.Name, "unlimited")).Str("api_token");
        var set = await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, b.Name, b.AppName), Limit("3"), HttpStatusCode.OK);
        Assert.Equal(3, set.Long("requests_per_minute"));

        // NewBaseAsync already exchanged the token once, before the limit was set (a different partition).
        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await ExchangeAsync(b.ApiToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            remaining.Add(ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        Assert.Equal(["2", "1", "0"], remaining);
        using var refused = await ExchangeAsync(b.ApiToken);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        AssertError(await refused.ReadJsonAsync(), $"Request was throttled. Expected available in {retryAfter} seconds.");

        using var unaffected = await ExchangeAsync(other);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal("600", unaffected.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [SkippableFact]
    public async Task Base_token_calls_count_against_the_same_allowance()
    {
        var (owner, b) = await BaseWithTokenAsync("rows-limited");
        using var client = owner.Client();
        await client.CallAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, b.Name, b.AppName), Limit("2"), HttpStatusCode.OK);

        // The JWT issued before the change carries the same token: the new limit applies once the
        // revocation cache (2 s) has looked the token up again.
        using var app = Server.Factory.BaseClient(b.Jwt);
        var (status, body) = await RowCalls.EventuallyAsync(async () =>
        {
            using var response = await app.GetAsync(b.V1("metadata/"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }, (HttpStatusCode)429, TimeSpan.FromSeconds(15));
        Assert.Equal((HttpStatusCode)429, status);
        Assert.Contains("Request was throttled.", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_limit_is_validated_reset_and_set_only_by_the_owner()
    {
        var (owner, b) = await BaseWithTokenAsync("validated");
        using var client = owner.Client();
        var url = TokenUrl(owner.WorkspaceId, b.Name, b.AppName);
        foreach (var bad in new[] { "0", "-5", "abc", "1000001", "1.5" })
        {
            AssertError(await client.CallAsync(HttpMethod.Put, url, Limit(bad), HttpStatusCode.BadRequest), "requests_per_minute invalid.");
        }

        var both = await client.CallAsync(HttpMethod.Put, url, Bodies.Form(("permission", "r"), ("requests_per_minute", "50")), HttpStatusCode.OK);
        Assert.Equal("r", both.Str("permission"));
        Assert.Equal(50, both.Long("requests_per_minute"));
        var reset = await client.CallAsync(HttpMethod.Put, url, Limit("default"), HttpStatusCode.OK);
        Assert.Null(reset["requests_per_minute"]);
        Assert.Equal("r", reset.Str("permission"));

        var stranger = await users.GetAsync(Server, "limits-stranger");
        using var strangerClient = stranger.Client();
        await client.ShareAsync(owner.WorkspaceId, b.Name, stranger.Email, "rw");
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerClient.SendRawAsync(HttpMethod.Put, url, Limit("5"))).Status);
        using var anonymous = Server.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendRawAsync(HttpMethod.Put, url, Limit("5"))).Status);
        using var admin = await Server.CreateAdminClientAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await admin.SendRawAsync(HttpMethod.Put, url, Limit("5"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendRawAsync(HttpMethod.Put, TokenUrl(owner.WorkspaceId, b.Name, "no-such-app"), Limit("5"))).Status);
        Assert.Null((await client.ListTokensAsync(owner.WorkspaceId, b.Name)).Single(t => t.Str("app_name") == b.AppName)["requests_per_minute"]);
    }

    [SkippableFact]
    public async Task Usage_counts_exchanges_and_base_calls_with_the_last_client()
    {
        var (owner, b) = await BaseWithTokenAsync("counted");
        using (var exchanged = await ExchangeAsync(b.ApiToken))
        {
            Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        }

        using var app = Server.Factory.BaseClient(b.Jwt);
        await app.GetJsonAsync(b.V1("metadata/"));
        await app.SendJsonAsync(HttpMethod.Post, b.V1("rows/"), new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "x" } });

        using var client = owner.Client();
        JsonNode? usage = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            usage = (await client.ListTokensAsync(owner.WorkspaceId, b.Name)).Single(t => t.Str("app_name") == b.AppName)["usage"];
            if (usage?["requests"]?["base_write"] is not null)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.NotNull(usage);
        Assert.Equal(2, usage.Long("jwts_issued"));
        Assert.Equal(2, usage["requests"].Long("access_token"));
        Assert.Equal(1, usage["requests"].Long("base_read"));
        Assert.Equal(1, usage["requests"].Long("base_write"));
        // The base calls sent no user agent: the last one seen stays the exchange's.
        Assert.Equal("limits-test/1.0", usage.Str("last_user_agent"));
        Assert.True(DateTimeOffset.Parse(usage.Str("first_seen"), System.Globalization.CultureInfo.InvariantCulture)
            <= DateTimeOffset.Parse(usage.Str("last_seen"), System.Globalization.CultureInfo.InvariantCulture));
        // The hourly counts of the web app's chart: the four requests, in the hours they came in (keys are whole UTC hours).
        var hourly = usage["hourly"]!.AsObject();
        Assert.Equal(4, hourly.Sum(h => h.Value!.GetValue<long>()));
        Assert.All(hourly, h => Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:00:00Z$", h.Key));
    }
}
