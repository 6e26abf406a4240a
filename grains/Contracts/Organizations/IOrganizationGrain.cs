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
