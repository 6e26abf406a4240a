using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;
using static SeaTable.Tests.Api.ApiCalls;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.Api;

/// <summary>
/// Issue 16: a grain call whose answer is lost after it wrote (a fault-injected <see cref="TimeoutException"/>
/// after the call ran) is never answered with an invitation to retry blindly. A plain write is 504 "outcome
/// unknown" without Retry-After; a write the server can repeat safely (a keyed row write, a token create) is
/// repeated and answers the truth; a read stays 503 with Retry-After.
/// </summary>
public sealed class UnknownOutcomeTests : IAsyncLifetime
{
    private readonly FailingGrainCalls _faults = new();
    private SeaTableAppFactory _factory = null!;
    private HttpClient _owner = null!;
    private long _workspaceId;

    public async Task InitializeAsync()
    {
        _factory = new SeaTableAppFactory(services: s => s.AddSingleton<IIncomingGrainCallFilter>(_faults));
        _owner = _factory.CreateClient(await _factory.LoginAdminAsync());
        _workspaceId = (await _owner.CreateBaseAsync(NewBaseName("probe")))["workspace_id"]!.GetValue<long>();
    }

    public async Task DisposeAsync()
    {
        _owner.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<(HttpClient Client, string Uuid)> NewBaseAsync()
    {
        var name = NewBaseName("outcome");
        var uuid = (await _owner.CreateBaseAsync(name)).Str("uuid");
        var token = await _owner.CreateTokenAsync(_workspaceId, name, "app", "rw");
        return (_factory.BaseClient(await _factory.ExchangeJwtAsync(token.Str("api_token"))), uuid);
    }

    private static string Rows(string uuid) => $"/dtable-server/api/v1/dtables/{uuid}/rows/";

    private static async Task<int> CountAsync(HttpClient client, string uuid) =>
        (await client.GetJsonAsync(Rows(uuid) + "?table_name=Table1")).Objects("rows").Count;

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> AppendAsync(HttpClient client, string uuid, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Rows(uuid))
        {
            Content = RowCalls.Json(new JsonObject { ["table_name"] = "Table1", ["row"] = new JsonObject { ["Name"] = "lost answer" } }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_504_outcome_unknown_without_retry_after()
    {
        var (client, uuid) = await NewBaseAsync();
        using var _ = client;
        var before = await CountAsync(client, uuid);

        _faults.FailAfterRunning("AppendRows");
        var (status, body, response) = await AppendAsync(client, uuid, key: null);
        using var __ = response;

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("unknown", json.Str("outcome"));
        Assert.StartsWith("The outcome of this write is unknown: ", json.Str("error_msg"), StringComparison.Ordinal);
        Assert.Null(response.Headers.RetryAfter);
        // It was written indeed: that is why a blind retry would have been wrong.
        Assert.Equal(before + 1, await CountAsync(client, uuid));
    }

    [Fact]
    public async Task A_keyed_row_write_whose_answer_was_lost_is_repeated_and_answers_the_one_write()
    {
        var (client, uuid) = await NewBaseAsync();
        using var _ = client;
        var before = await CountAsync(client, uuid);
        var key = "lost-" + Guid.NewGuid();

        _faults.FailAfterRunning("AppendRows");
        var (status, body, response) = await AppendAsync(client, uuid, key);
        response.Dispose();
        var (againStatus, againBody, againResponse) = await AppendAsync(client, uuid, key);
        againResponse.Dispose();

        Assert.Equal(1, _faults.Failed);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((status, body), (againStatus, againBody));
        Assert.Equal(before + 1, await CountAsync(client, uuid));
    }

    [Fact]
    public async Task A_token_create_whose_answer_was_lost_is_repeated_and_answers_201_with_the_one_token()
    {
        var name = NewBaseName("outcome-token");
        await _owner.CreateBaseAsync(name);

        _faults.FailAfterRunning("CreateApiToken");
        var created = await _owner.CreateTokenAsync(_workspaceId, name, "lost", "rw");

        Assert.Equal(1, _faults.Failed);
        var listed = Assert.Single(await _owner.ListTokensAsync(_workspaceId, name));
        Assert.Equal(created.Str("api_token"), listed.Str("api_token"));
    }

    [Fact]
    public async Task A_user_create_whose_answer_was_lost_is_repeated_and_answers_200_with_the_one_user()
    {
        var email = ApiHelpers.NewEmail("lost");

        _faults.FailAfterRunning("CreateUser");
        var created = await _owner.CallAsync(HttpMethod.Post, AdminUsers,
            Bodies.Form(("email", email), ("password", "Secret-1"), ("name", "Lost Answer")), HttpStatusCode.OK);

        Assert.Equal(1, _faults.Failed);
        Assert.Equal(email, created.Str("contact_email"));
        var token = await _factory.LoginAsync(email, "Secret-1");
        using var user = _factory.CreateClient(token);
        Assert.Equal(created.Str("email"), (await user.GetJsonAsync(AccountInfo)).Str("email"));
    }

    [Fact]
    public async Task A_share_whose_answer_was_lost_is_repeated_and_answers_201()
    {
        var name = NewBaseName("outcome-share");
        await _owner.CreateBaseAsync(name);
        var email = ApiHelpers.NewEmail("target");
        await _owner.CreateUserAsync(email, "Secret-1");

        _faults.FailAfterRunning("Share");
        AssertSuccess(await _owner.CallAsync(HttpMethod.Post, ShareUrl(_workspaceId, name),
            Bodies.Form(("email", email), ("permission", "r")), HttpStatusCode.Created));

        Assert.Equal(1, _faults.Failed);
        Assert.Equal("r", Assert.Single(await _owner.SharesAsync(_workspaceId, name)).Str("permission"));
    }

    [Fact]
    public async Task A_read_whose_answer_was_lost_is_run_again_and_answered()
    {
        var (client, uuid) = await NewBaseAsync();
        using var _ = client;

        _faults.FailAfterRunning("ListRows");
        using var response = await client.GetAsync(Rows(uuid) + "?table_name=Table1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _faults.Failed);
    }

    [Fact]
    public async Task A_read_that_keeps_failing_is_503_with_retry_after()
    {
        var (client, uuid) = await NewBaseAsync();
        using var _ = client;

        _faults.FailAfterRunning("ListRows", count: 100);
        using var response = await client.GetAsync(Rows(uuid) + "?table_name=Table1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(4, _faults.Failed);
    }

    [Fact]
    public async Task An_sql_select_whose_answer_was_lost_is_run_again_and_an_update_is_504_unknown()
    {
        var (client, uuid) = await NewBaseAsync();
        using var _ = client;
        var query = $"/dtable-db/api/v1/query/{uuid}/";

        _faults.FailAfterRunning("Query");
        using var select = await client.PostAsync(query, RowCalls.Json(new JsonObject { ["sql"] = "  select COUNT(*) AS n FROM Table1" }));
        var selected = await select.Content.ReadAsStringAsync();
        Assert.True(select.StatusCode == HttpStatusCode.OK, selected);
        Assert.Equal(3, JsonNode.Parse(selected)!["results"]![0]!["n"]!.GetValue<int>());

        _faults.FailAfterRunning("Query");
        using var update = await client.PostAsync(query, RowCalls.Json(new JsonObject { ["sql"] = "UPDATE Table1 SET Name = 'x'" }));
        var updated = await update.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.GatewayTimeout, update.StatusCode);
        Assert.Equal("unknown", JsonNode.Parse(updated)!.Str("outcome"));
        Assert.False(update.Headers.Contains("Retry-After"));
    }
}
