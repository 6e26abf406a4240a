namespace SeaTable.Grains.Accounts;

[GenerateSerializer]
public sealed class AccountTokenState
{
    [Id(0)] public string? UserId { get; set; }
}
