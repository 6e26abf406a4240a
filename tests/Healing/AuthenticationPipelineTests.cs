using System.Net;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Common;
using SeaTable.Tests.Api;
using SeaTable.Tests.Assets;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Healing;

[Collection(FaultServerCollection.Name)]
public sealed class AuthenticationPipelineTests_Sqlite(FaultServer server) : AuthenticationPipelineTests(server, server.Faults);

[Collection(PostgresFaultServerCollection.Name)]
public sealed class AuthenticationPipelineTests_PostgreSql(PostgresFaultServer server) : AuthenticationPipelineTests(server, server.Faults);

/// <summary>
/// Authentication runs once, inside the API's pipeline: a login-token lookup that fails answers SeaTable's 503 (the
/// exception handler sees it), and an API token is never looked up as a login token. Both broke when ASP.NET Core
/// put its own authentication middleware in front of the whole pipeline.
/// </summary>
public abstract class AuthenticationPipelineTests(ServerFixture server, GrainFaults faults) : ApiTests(server), IDisposable
{
    public void Dispose()
    {
        faults.Clear();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task A_login_token_lookup_that_keeps_failing_answers_seatables_503_not_a_bare_500()
    {
        faults.Clear();
        var user = await ClassUsers.CreateAsync(Server, "pipeline");
        var key = Secrets.HashToken(user.Account.Token);
        // More failures than the read is repeated: the lookup fails for good.
        for (var i = 0; i < 10; i++)
        {
            faults.Arm<IAccountTokenGrain>(nameof(IAccountTokenGrain.GetUserId), FaultTiming.Before, when: c => c.TargetId.ToString().Contains(key, StringComparison.Ordinal));
        }

        using var client = user.Client();
        var (status, body) = await client.SendRawAsync(HttpMethod.Get, ApiCalls.AccountInfo, null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("\"error_msg\"", body, StringComparison.Ordinal);
        Assert.NotEmpty(faults.Struck);
    }

    [SkippableFact]
    public async Task An_api_token_exchange_never_looks_the_token_up_as_a_login_token()
    {
        faults.Clear();
        var owner = await ClassUsers.CreateAsync(Server, "pipeline-app");
        var app = await AppBase.CreateAsync(owner);
        var key = Secrets.HashToken(app.ApiToken);
        faults.Arm<IAccountTokenGrain>(nameof(IAccountTokenGrain.GetUserId), FaultTiming.Before, when: c => c.TargetId.ToString().Contains(key, StringComparison.Ordinal));

        var answer = await app.Factory.AppGetJsonAsync("/api/v2.1/dtable/app-access-token/", app.ApiToken, HttpStatusCode.OK);

        Assert.Equal(app.Uuid, answer.Str("dtable_uuid"));
        Assert.Empty(faults.Struck);
    }
}
