namespace SeaTable.Grains.Organizations;

/// <summary>An organization (team) of users (key: its integer id).</summary>
[Alias("seatable.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithIntegerKey
{
    [Alias("Create")]
    Task<OrganizationInfo> Create(string name, string adminUserId);

    [Alias("GetInfo")]
    Task<OrganizationInfo?> GetInfo();

    [Alias("AddMember")]
    Task AddMember(string userId);
}

[GenerateSerializer, Immutable]
public sealed record OrganizationInfo(
    long Id,
    string Name,
    string AdminUserId,
    string UrlPrefix,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Members);

[GenerateSerializer]
public sealed class OrganizationState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string AdminUserId { get; set; } = "";
    [Id(3)] public string UrlPrefix { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public HashSet<string> Members { get; set; } = [];
}
