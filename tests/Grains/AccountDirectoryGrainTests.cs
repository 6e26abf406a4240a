using SeaTable.Grains.Accounts;
using SeaTable.Grains.Common;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class AccountDirectoryGrainTests(GrainCluster cluster)
{
    private IAccountDirectoryGrain Directory => cluster.Grains.GetGrain<IAccountDirectoryGrain>(0);

    private static NewAccount Account(string email, string password = "Passw0rd-1") =>
        new(email, email.Split('@')[0], password, IsStaff: false, IsActive: true);

    [Fact]
    public async Task Create_rejects_a_contact_email_taken_in_any_case()
    {
        var email = ApiHelpers.NewEmail("Dup");
        var first = await Directory.CreateUser(Account(email));
        Assert.Equal(CreateAccountError.None, first.Error);
        Assert.NotNull(first.Profile);
        Assert.True(UserIds.IsVirtualId(first.Profile.Id));
        Assert.Equal(email.ToLowerInvariant(), first.Profile.ContactEmail);

        var second = await Directory.CreateUser(Account(email.ToUpperInvariant()));
        Assert.Equal(CreateAccountError.EmailTaken, second.Error);
        Assert.Null(second.Profile);

        Assert.Equal(first.Profile.Id, (await Directory.FindUser(" " + email.ToUpperInvariant() + " "))?.Id);
        Assert.Equal(first.Profile.Id, (await Directory.FindUser(first.Profile.Id))?.Id);

        var listed = await cluster.Catalog.ListUsersAsync(0, 10_000);
        Assert.Single(listed.Items, u => u.ContactEmail == email.ToLowerInvariant());
    }

    [Fact]
    public async Task Login_returns_the_same_token_every_time()
    {
        var email = ApiHelpers.NewEmail("login");
        var created = await Directory.CreateUser(Account(email, "Right-Passw0rd"));
        Assert.NotNull(created.Profile);

        var first = await Directory.Login(email, "Right-Passw0rd");
        Assert.Equal(LoginError.None, first.Error);
        Assert.Matches("^[0-9a-f]{40}$", first.Token);

        var second = await Directory.Login(email.ToUpperInvariant(), "Right-Passw0rd");
        Assert.Equal(first.Token, second.Token);

        // After a deactivation the token comes back from the encrypted state, not from memory.
        await cluster.Cluster.DeactivateAsync(cluster.Grains.GetGrain<IAccountGrain>(created.Profile.Id));
        Assert.Equal(first.Token, (await Directory.Login(created.Profile.Id, "Right-Passw0rd")).Token);

        var wrong = await Directory.Login(email, "wrong");
        Assert.Equal(LoginError.InvalidCredentials, wrong.Error);
        Assert.Null(wrong.Token);
        Assert.Equal(LoginError.InvalidCredentials, (await Directory.Login(ApiHelpers.NewEmail("nobody"), "Right-Passw0rd")).Error);
    }

    [Fact]
    public async Task Inactive_users_cannot_log_in()
    {
        var email = ApiHelpers.NewEmail("inactive");
        Assert.NotNull((await Directory.CreateUser(Account(email) with { IsActive = false })).Profile);
        Assert.Equal(LoginError.Inactive, (await Directory.Login(email, "Passw0rd-1")).Error);
    }
}
