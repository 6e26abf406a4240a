namespace SeaTable.Grains.Organizations;

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
