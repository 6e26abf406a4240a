using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.Sequences;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Grains.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Main)] IPersistentState<AccountState> state,
    IPasswordHasher<AccountState> passwordHasher,
    IDataProtectionProvider dataProtection,
    ICatalogWriter catalog,
    TimeProvider clock) : Grain, IAccountGrain
{
    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector("SeaTable.Accounts.LoginToken");

    private string UserId => this.GetPrimaryKeyString();

    async Task<AccountProfile> IAccountGrain.Create(NewAccount account)
    {
        if (!state.State.Exists)
        {
            var workspaceId = await GrainFactory.GetGrain<IIdSequenceGrain>(Sequences.Sequences.Workspace).Next();
            state.State = new AccountState
            {
                Exists = true,
                ContactEmail = UserIds.NormalizeEmail(account.ContactEmail),
                Name = account.Name,
                IsStaff = account.IsStaff,
                IsActive = account.IsActive,
                OrgId = account.OrgId,
                IsOrgStaff = account.IsOrgStaff,
                WorkspaceId = workspaceId,
                CreatedAt = clock.GetUtcNow(),
                CreatedBy = account.CreatedBy,
            };
            state.State.PasswordHash = passwordHasher.HashPassword(state.State, account.Password);
            await GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).Initialize(UserId, account.OrgId);
            await state.WriteStateAsync();
        }

        await catalog.UpsertUserAsync(ToCatalogRow());
        return ToProfile();
    }

    Task<AccountProfile?> IAccountGrain.GetProfile() =>
        Task.FromResult(state.State.Exists ? ToProfile() : null);

    async Task<AccountProfile?> IAccountGrain.FindOwnCreation(NewAccount account, bool anyOrganization)
    {
        var s = state.State;
        var same = s.Exists && account.CreatedBy is not null && s.CreatedBy == account.CreatedBy
            && s.ContactEmail == UserIds.NormalizeEmail(account.ContactEmail) && s.Name == account.Name
            && s.IsStaff == account.IsStaff && s.IsActive == account.IsActive && s.IsOrgStaff == account.IsOrgStaff
            && (anyOrganization || s.OrgId == account.OrgId);
        return same && await ((IAccountGrain)this).CheckPassword(account.Password) ? ToProfile() : null;
    }

    async Task<bool> IAccountGrain.CheckPassword(string password)
    {
        if (!state.State.Exists || string.IsNullOrEmpty(state.State.PasswordHash))
        {
            return false;
        }

        var result = passwordHasher.VerifyHashedPassword(state.State, state.State.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = passwordHasher.HashPassword(state.State, password);
            await state.WriteStateAsync();
        }

        return result != PasswordVerificationResult.Failed;
    }

    async Task<string> IAccountGrain.GetOrCreateLoginToken()
    {
        EnsureExists();
        if (state.State.ProtectedLoginToken is { } protectedToken && TryUnprotect(protectedToken) is { } existing)
        {
            // Re-binding is idempotent and repairs a token grain lost between the two writes below.
            await GrainFactory.GetGrain<IAccountTokenGrain>(Secrets.HashToken(existing)).Bind(UserId);
            return existing;
        }

        var token = Secrets.NewToken();
        await GrainFactory.GetGrain<IAccountTokenGrain>(Secrets.HashToken(token)).Bind(UserId);
        state.State.ProtectedLoginToken = _tokenProtector.Protect(token);
        await state.WriteStateAsync();
        return token;
    }

    async Task<AccountProfile> IAccountGrain.JoinOrganization(long orgId, bool isOrgStaff)
    {
        EnsureExists();
        if (state.State.OrgId != orgId || state.State.IsOrgStaff != isOrgStaff)
        {
            state.State.OrgId = orgId;
            state.State.IsOrgStaff = isOrgStaff;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IWorkspaceGrain>(state.State.WorkspaceId).Initialize(UserId, orgId);
        }

        await catalog.UpsertUserAsync(ToCatalogRow());
        return ToProfile();
    }

    async Task IAccountGrain.AddSharedBase(Guid dtableUuid)
    {
        if (state.State.Exists && state.State.SharedBases.Add(dtableUuid))
        {
            await state.WriteStateAsync();
        }
    }

    async Task IAccountGrain.RemoveSharedBase(Guid dtableUuid)
    {
        if (state.State.SharedBases.Remove(dtableUuid))
        {
            await state.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<Guid>> IAccountGrain.GetSharedBases() =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.SharedBases]);

    private string? TryUnprotect(string protectedToken)
    {
        try
        {
            return _tokenProtector.Unprotect(protectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The key ring was lost or rotated away: issue a new token instead of failing every login.
            return null;
        }
    }

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw new InvalidOperationException($"Account {UserId} does not exist.");
        }
    }

    private AccountProfile ToProfile() => new(
        UserId, state.State.ContactEmail, state.State.Name, state.State.IsStaff, state.State.IsActive,
        state.State.OrgId, state.State.IsOrgStaff, state.State.WorkspaceId, state.State.CreatedAt);

    private CatalogUser ToCatalogRow() => new(
        UserId, state.State.ContactEmail, state.State.Name, state.State.IsStaff, state.State.IsActive,
        state.State.OrgId, state.State.CreatedAt);
}
