namespace SeaTable.Grains.Content;

/// <summary>
/// The content as it was stored before the operation log: one content.json string in Orleans grain state.
/// Read once when a base without a snapshot activates, moved into the log's snapshot, then cleared.
/// </summary>
[GenerateSerializer]
public sealed class BaseContentState
{
    [Id(0)] public string? ContentJson { get; set; }
}
