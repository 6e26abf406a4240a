namespace SeaTable.Grains.Accounts;

[GenerateSerializer]
public sealed class EmailIndexState
{
    [Id(0)] public string? UserId { get; set; }
}
