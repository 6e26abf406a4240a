using SeaTable.Grains.Organizations;

namespace SeaTable.Grains.Accounts;

/// <summary>
/// The account operations that span several grains (email index, account, token, organization).
/// A stateless worker: it holds no state of its own and runs wherever it is called.
/// </summary>
[Alias("seatable.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("CreateUser")]
    Task<CreateAccountResult> CreateUser(NewAccount account);

    /// <summary>Checks the credentials and returns the login token, or null when they are wrong.</summary>
    [Alias("Login")]
    Task<LoginResult> Login(string login, string password);

    /// <summary>Resolves a virtual id or a contact email to an existing account.</summary>
    [Alias("FindUser")]
    Task<AccountProfile?> FindUser(string idOrEmail);

    [Alias("CreateOrganization")]
    Task<CreateOrganizationResult> CreateOrganization(string orgName, NewAccount admin);

    [Alias("AddOrganizationUser")]
    Task<CreateAccountResult> AddOrganizationUser(long orgId, NewAccount account);
}

[GenerateSerializer]
public enum LoginError
{
    None,
    InvalidCredentials,
    Inactive,
}

[GenerateSerializer, Immutable]
public sealed record LoginResult(LoginError Error, string? Token);

[GenerateSerializer, Immutable]
public sealed record CreateOrganizationResult(CreateAccountError Error, OrganizationInfo? Organization, AccountProfile? Admin);
