using System.Net;
using System.Net.Http.Headers;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Operations;

[Collection(SharedServerCollection.Name)]
public sealed class OperationsTests_Sqlite(SharedServer server) : OperationsTests(server);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class OperationsTests_PostgreSql(PostgresSharedServer server) : OperationsTests(server);

/// <summary>Health, readiness and Prometheus metrics.</summary>
public abstract class OperationsTests(ServerFixture server) : ApiTests(server)
{
    [SkippableFact]
    public async Task Liveness_and_readiness_answer_anonymously()
    {
        using var anonymous = Server.Factory.CreateClient();
        var live = await anonymous.GetJsonAsync("/healthz");
        Assert.Equal("Healthy", live.Str("status"));

        var ready = await anonymous.GetJsonAsync("/readyz");
        Assert.Equal("Healthy", ready.Str("status"));
        Assert.Equal("Healthy", ready["checks"]!["silo"].Str("status"));
        Assert.Equal("Healthy", ready["checks"]!["storage"].Str("status"));
    }

    [SkippableFact]
    public async Task Metrics_show_the_runtime_orleans_http_and_the_projects_own_instruments()
    {
        var owner = await ClassUsers.CreateAsync(Server, "metrics");
        using var client = owner.Client();
        var name = ApiCalls.NewBaseName("metrics");
        await client.CreateBaseAsync(name);
        var token = (await client.CreateTokenAsync(owner.WorkspaceId, name, "metrics-app")).Str("api_token");
        using var app = Server.Factory.CreateClient();
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        await app.GetJsonAsync(ApiTokenCalls.AppAccessToken);
        await client.DeleteBaseAsync(owner.WorkspaceId, name);
        await client.CallAsync(HttpMethod.Delete, "/api/v2.1/trash-dtables/", null, HttpStatusCode.OK);

        using var anonymous = Server.Factory.CreateClient();
        using var response = await anonymous.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"(?m)^seatable_tokens_exchanged_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"(?m)^seatable_trash_purged_total\{[^}]*\} [1-9]", text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes", text, StringComparison.Ordinal);
        Assert.Contains("orleans_", text, StringComparison.Ordinal);
    }
}
