namespace SeaTable.Grains.Accounts;

/// <summary>What the API shows of an account.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountProfile(
    string Id,
    string ContactEmail,
    string Name,
    bool IsStaff,
    bool IsActive,
    long OrgId,
    bool IsOrgStaff,
    long WorkspaceId,
    DateTimeOffset CreatedAt);

/// <summary>
/// The fields of a new account, already validated by the caller. <see cref="CreatedBy"/> (the admin who creates it)
/// lets a retry of the same create find the account its first call made.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewAccount(
    string ContactEmail,
    string Name,
    string Password,
    bool IsStaff,
    bool IsActive,
    long OrgId = -1,
    bool IsOrgStaff = false,
    string? CreatedBy = null);

/// <summary>Why creating an account failed, if it did.</summary>
[GenerateSerializer]
public enum CreateAccountError
{
    None,
    EmailTaken,
}

[GenerateSerializer, Immutable]
public sealed record CreateAccountResult(CreateAccountError Error, AccountProfile? Profile);
