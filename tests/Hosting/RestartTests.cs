using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Hosting;

/// <summary>Everything survives a stop and a start on the same data folder; the first-start bootstrap runs once.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task State_survives_a_restart_and_the_admin_is_not_recreated()
    {
        var dataDir = TestFolders.NewTempFolder("restart");
        try
        {
            string adminToken, adminId, userId;
            var userEmail = ApiHelpers.NewEmail("survivor");
            const string userPassword = "Survivor-Passw0rd";

            await using (var first = new SeaTableAppFactory(dataDir) { KeepDataDir = true })
            {
                adminToken = await first.LoginAdminAsync();
                using var admin = first.CreateClient(adminToken);
                userId = (await admin.CreateUserAsync(userEmail, userPassword))["email"]!.GetValue<string>();
                adminId = FindUser(await ListUsersAsync(admin), first.AdminEmail)!["email"]!.GetValue<string>();
            }

            // The second start is told about another admin: the bootstrap must not run again.
            var otherAdminEmail = ApiHelpers.NewEmail("second-admin");
            await using var second = new SeaTableAppFactory(dataDir, new Dictionary<string, string?>
            {
                ["SeaTable:Admin:Email"] = otherAdminEmail,
                ["SeaTable:Admin:Password"] = "Other-Passw0rd",
            });

            // Login tokens are stored encrypted with the folder's Data Protection keys: same token after the restart.
            Assert.Equal(adminToken, await second.LoginAsync(SeaTableAppFactory.DefaultAdminEmail, SeaTableAppFactory.DefaultAdminPassword));
            using (var anonymous = second.CreateClient())
            using (var refused = await anonymous.PostAsJsonAsync("/api2/auth-token/", new { username = otherAdminEmail, password = "Other-Passw0rd" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }

            using var adminAfter = second.CreateClient(adminToken);
            var users = await ListUsersAsync(adminAfter);
            Assert.Equal(adminId, FindUser(users, SeaTableAppFactory.DefaultAdminEmail)?["email"]?.GetValue<string>());
            Assert.Equal(userId, FindUser(users, userEmail)?["email"]?.GetValue<string>());
            Assert.Null(FindUser(users, otherAdminEmail));
            Assert.Equal(2, users.Count);

            // The user's password and token work as before.
            var userToken = await second.LoginAsync(userEmail, userPassword);
            using var user = second.CreateClient(userToken);
            var info = await user.GetJsonAsync("/api2/account/info/");
            Assert.Equal(userId, info["email"]?.GetValue<string>());
            Assert.Equal(userEmail, info["contact_email"]?.GetValue<string>());
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }

    private static async Task<JsonArray> ListUsersAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("/api/v2.1/admin/users/?page=1&per_page=100"))["data"]!.AsArray();

    private static JsonNode? FindUser(JsonArray users, string contactEmail) =>
        users.FirstOrDefault(u => string.Equals(u?["contact_email"]?.GetValue<string>(), contactEmail, StringComparison.OrdinalIgnoreCase));
}
