using Orleans.Concurrency;
using SeaTable.Grains.Common;
using SeaTable.Grains.Organizations;
using SeaTable.Grains.Sequences;

namespace SeaTable.Grains.Accounts;

[StatelessWorker]
public sealed class AccountDirectoryGrain : Grain, IAccountDirectoryGrain
{
    async Task<CreateAccountResult> IAccountDirectoryGrain.CreateUser(NewAccount account)
    {
        var userId = UserIds.NewVirtualId();
        var index = GrainFactory.GetGrain<IEmailIndexGrain>(UserIds.NormalizeEmail(account.ContactEmail));
        if (!await index.TryClaim(userId))
        {
            return new CreateAccountResult(CreateAccountError.EmailTaken, null);
        }

        try
        {
            var profile = await GrainFactory.GetGrain<IAccountGrain>(userId).Create(account);
            return new CreateAccountResult(CreateAccountError.None, profile);
        }
        catch
        {
            await index.Release(userId);
            throw;
        }
    }

    async Task<LoginResult> IAccountDirectoryGrain.Login(string login, string password)
    {
        var profile = await FindUser(login);
        if (profile is null || !await GrainFactory.GetGrain<IAccountGrain>(profile.Id).CheckPassword(password))
        {
            return new LoginResult(LoginError.InvalidCredentials, null);
        }

        if (!profile.IsActive)
        {
            return new LoginResult(LoginError.Inactive, null);
        }

        var token = await GrainFactory.GetGrain<IAccountGrain>(profile.Id).GetOrCreateLoginToken();
        return new LoginResult(LoginError.None, token);
    }

    Task<AccountProfile?> IAccountDirectoryGrain.FindUser(string idOrEmail) => FindUser(idOrEmail);

    async Task<CreateOrganizationResult> IAccountDirectoryGrain.CreateOrganization(string orgName, NewAccount admin)
    {
        var orgId = await GrainFactory.GetGrain<IIdSequenceGrain>(Sequences.Sequences.Organization).Next();
        var created = await ((IAccountDirectoryGrain)this).CreateUser(admin with { OrgId = orgId, IsOrgStaff = true });
        if (created.Profile is null)
        {
            return new CreateOrganizationResult(created.Error, null, null);
        }

        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(orgId).Create(orgName, created.Profile.Id);
        return new CreateOrganizationResult(CreateAccountError.None, organization, created.Profile);
    }

    async Task<CreateAccountResult> IAccountDirectoryGrain.AddOrganizationUser(long orgId, NewAccount account)
    {
        var created = await ((IAccountDirectoryGrain)this).CreateUser(account with { OrgId = orgId, IsOrgStaff = false });
        if (created.Profile is not null)
        {
            await GrainFactory.GetGrain<IOrganizationGrain>(orgId).AddMember(created.Profile.Id);
        }

        return created;
    }

    private async Task<AccountProfile?> FindUser(string idOrEmail)
    {
        var key = idOrEmail.Trim();
        if (key.Length == 0)
        {
            return null;
        }

        if (UserIds.IsVirtualId(key.ToLowerInvariant()))
        {
            return await GrainFactory.GetGrain<IAccountGrain>(key.ToLowerInvariant()).GetProfile();
        }

        var userId = await GrainFactory.GetGrain<IEmailIndexGrain>(UserIds.NormalizeEmail(key)).GetUserId();
        return userId is null ? null : await GrainFactory.GetGrain<IAccountGrain>(userId).GetProfile();
    }
}
