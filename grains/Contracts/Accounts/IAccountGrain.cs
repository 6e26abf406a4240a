namespace SeaTable.Grains.Accounts;

/// <summary>One user account (key: the virtual user id "&lt;32 hex&gt;@auth.local").</summary>
[Alias("seatable.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account and its personal workspace; a repeated call returns the existing profile.</summary>
    [Alias("Create")]
    Task<AccountProfile> Create(NewAccount account);

    [Alias("GetProfile")]
    Task<AccountProfile?> GetProfile();

    /// <summary>
    /// This account's profile if it is what <paramref name="account"/> would create: the same creator, the same
    /// fields and password (the organization too unless <paramref name="anyOrganization"/>); else null. A retried
    /// create uses it to find its own earlier creation.
    /// </summary>
    [Alias("FindOwnCreation")]
    Task<AccountProfile?> FindOwnCreation(NewAccount account, bool anyOrganization);

    [Alias("CheckPassword")]
    Task<bool> CheckPassword(string password);

    /// <summary>The user's login token: the same one on every call, as SeaTable's auth-token does.</summary>
    [Alias("GetOrCreateLoginToken")]
    Task<string> GetOrCreateLoginToken();

    [Alias("JoinOrganization")]
    Task<AccountProfile> JoinOrganization(long orgId, bool isOrgStaff);

    /// <summary>Records that a base was shared with this user, so the workspaces call can list it.</summary>
    [Alias("AddSharedBase")]
    Task AddSharedBase(Guid dtableUuid);

    [Alias("RemoveSharedBase")]
    Task RemoveSharedBase(Guid dtableUuid);

    [Alias("GetSharedBases")]
    Task<IReadOnlyList<Guid>> GetSharedBases();
}
