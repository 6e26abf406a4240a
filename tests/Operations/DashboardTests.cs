using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Operations;

/// <summary>A server with the Orleans dashboard turned on (it is off by default: it costs throughput).</summary>
public sealed class DashboardServer : ServerFixture
{
    public override string Storage => "SQLite";

    public override SeaTableAppFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["SeaTable:Operations:DashboardPath"] = "/dashboard",
    });

    public override Task InitializeAsync()
    {
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    protected override async Task StopAsync() => await Factory.DisposeAsync();
}

/// <summary>The Orleans dashboard: system admins only, by Basic sign-in (browsers) or login token (scripts).</summary>
public sealed class DashboardTests(DashboardServer server) : ApiTests(server), IClassFixture<DashboardServer>
{
    [SkippableFact]
    public async Task The_dashboard_is_for_system_admins_only()
    {
        var user = await ClassUsers.CreateAsync(Server, "dashboard");
        using var anonymous = Server.Factory.CreateClient();

        using (var challenge = await anonymous.GetAsync("/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
            Assert.Equal("Basic", challenge.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithBasicAsync(Server.Factory.AdminEmail, "wrong-password"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWithBasicAsync(user.Email, user.Account.Password));
        Assert.Equal(HttpStatusCode.OK, await StatusWithBasicAsync(Server.Factory.AdminEmail, Server.Factory.AdminPassword));

        using var userClient = user.Client();
        using (var byUserToken = await userClient.GetAsync("/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byUserToken.StatusCode);
        }

        using var admin = await Server.CreateAdminClientAsync();
        using var byAdminToken = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, byAdminToken.StatusCode);
        Assert.Contains("Orleans Dashboard", await byAdminToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusWithBasicAsync(string login, string password)
    {
        using var client = Server.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));
        using var response = await client.GetAsync("/dashboard/");
        return response.StatusCode;
    }

    [Fact]
    public async Task Without_configuration_there_is_no_dashboard()
    {
        await using var plain = new SeaTableAppFactory();
        using var admin = plain.CreateClient(await plain.LoginAdminAsync());
        using var response = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

}
