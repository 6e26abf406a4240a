namespace SeaTable.Grains.Accounts;

[GenerateSerializer]
public sealed class AccountState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string ContactEmail { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    /// <summary>ASP.NET Core Identity's PBKDF2 hash (salted, versioned), never the password.</summary>
    [Id(3)] public string PasswordHash { get; set; } = "";
    [Id(4)] public bool IsStaff { get; set; }
    [Id(5)] public bool IsActive { get; set; }
    [Id(6)] public long OrgId { get; set; } = -1;
    [Id(7)] public bool IsOrgStaff { get; set; }
    [Id(8)] public long WorkspaceId { get; set; }
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The login token encrypted with Data Protection: a database dump alone does not reveal it.</summary>
    [Id(10)] public string? ProtectedLoginToken { get; set; }
    [Id(11)] public HashSet<Guid> SharedBases { get; set; } = [];
    /// <summary>Who created the account (an admin's id), so a retry of that create is recognized; null for older accounts.</summary>
    [Id(12)] public string? CreatedBy { get; set; }
}
