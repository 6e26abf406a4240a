using Orleans.Concurrency;
using SeaTable.Grains.Common;
using SeaTable.Grains.Organizations;
using SeaTable.Grains.Sequences;

namespace SeaTable.Grains.Accounts;

[StatelessWorker]
public sealed class AccountDirectoryGrain : Grain, IAccountDirectoryGrain
{
    Task<CreateAccountResult> IAccountDirectoryGrain.CreateUser(NewAccount account) => CreateUser(account, anyOrganization: false);

    /// <summary>
    /// Claims the email and creates the account. An email taken by the account this very create made before (a
    /// retry whose first answer was lost: same creator, fields and password) is answered as the first call was.
    /// </summary>
    private async Task<CreateAccountResult> CreateUser(NewAccount account, bool anyOrganization)
    {
        var userId = UserIds.NewVirtualId();
        var index = GrainFactory.GetGrain<IEmailIndexGrain>(UserIds.NormalizeEmail(account.ContactEmail));
        if (!await index.TryClaim(userId))
        {
            if (account.CreatedBy is not null && await index.GetUserId() is { } holder
                && await GrainFactory.GetGrain<IAccountGrain>(holder).FindOwnCreation(account, anyOrganization) is { } own)
            {
                return new CreateAccountResult(CreateAccountError.None, own);
            }

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
        var created = await CreateUser(admin with { OrgId = orgId, IsOrgStaff = true }, anyOrganization: true);
        if (created.Profile is null)
        {
            return new CreateOrganizationResult(created.Error, null, null);
        }

        // A retry finds the admin its first call created, in that call's organization: the organization is
        // answered if it has this name and admin, created if the first call stopped before it, else the email is taken.
        var organizationGrain = GrainFactory.GetGrain<IOrganizationGrain>(created.Profile.OrgId);
        if (created.Profile.OrgId != orgId && await organizationGrain.GetInfo() is { } earlier)
        {
            return earlier.Name == orgName && earlier.AdminUserId == created.Profile.Id
                ? new CreateOrganizationResult(CreateAccountError.None, earlier, created.Profile)
                : new CreateOrganizationResult(CreateAccountError.EmailTaken, null, null);
        }

        var organization = await organizationGrain.Create(orgName, created.Profile.Id);
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
