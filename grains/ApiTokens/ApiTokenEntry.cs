namespace SeaTable.Grains.ApiTokens;

/// <summary>
/// An API token as its base holds it. The token itself is kept only encrypted (Data Protection), since the
/// list call must show it again; the token grain is found by its hash.
/// </summary>
[GenerateSerializer]
public sealed class ApiTokenEntry
{
    [Id(0)] public string AppName { get; set; } = "";
    [Id(1)] public string TokenHash { get; set; } = "";
    [Id(2)] public string ProtectedToken { get; set; } = "";
    [Id(3)] public string Permission { get; set; } = "";
    [Id(4)] public string GeneratedBy { get; set; } = "";
    [Id(5)] public DateTimeOffset GeneratedAt { get; set; }
}
