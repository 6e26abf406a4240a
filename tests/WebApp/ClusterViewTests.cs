using System.Net;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Sockets;

namespace SeaTable.Tests.WebApp;

[Collection(SharedServerCollection.Name)]
public sealed class ClusterViewTests_Sqlite(SharedServer server, ClassUsers users) : ClusterViewTests(server, users);

[Collection(PostgresSharedServerCollection.Name)]
public sealed class ClusterViewTests_PostgreSql(PostgresSharedServer server, ClassUsers users) : ClusterViewTests(server, users);

/// <summary>
/// GET /api/v2.1/admin/cluster/ (the admin console's cluster view): the member silos with their open sockets and
/// running tasks, for system admins only.
/// </summary>
public abstract class ClusterViewTests(ServerFixture server, ClassUsers users) : ApiTests(server), IClassFixture<ClassUsers>
{
    private const string Route = "/api/v2.1/admin/cluster/";

    [SkippableFact]
    public async Task The_admin_sees_the_active_silo_with_the_sockets_it_holds()
    {
        using var admin = await Server.CreateAdminClientAsync();
        var before = await admin.GetJsonAsync(Route);
        var silo = Assert.Single(before.Objects("silos"));
        Assert.Equal(before.Str("answered_by"), silo.Str("address"));
        Assert.Equal("Active", silo.Str("status"));
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T", silo.Str("started_at"));
        Assert.True(silo.Long("tasks_running") >= 0);

        await using var socket = await SocketIoTestClient.ConnectAsync(Server.Factory, null);
        var during = Assert.Single((await admin.GetJsonAsync(Route)).Objects("silos"));
        Assert.True(during.Long("sockets") >= 1, during.ToJsonString());
    }

    [SkippableFact]
    public async Task Everyone_else_is_refused()
    {
        using var anonymous = Server.Factory.CreateClient();
        using (var response = await anonymous.GetAsync(Route))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("""{"detail":"Authentication credentials were not provided."}""", await response.Content.ReadAsStringAsync());
        }

        var user = await users.GetAsync(Server, "not-admin");
        using var client = user.Client();
        using var refused = await client.GetAsync(Route);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("""{"detail":"You do not have permission to perform this action."}""", await refused.Content.ReadAsStringAsync());
    }
}
