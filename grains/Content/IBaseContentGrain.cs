namespace SeaTable.Grains.Content;

/// <summary>The tables, columns, rows and views of one base: its content.json (key: the base uuid).</summary>
[Alias("seatable.IBaseContentGrain")]
public interface IBaseContentGrain : IGrainWithGuidKey
{
    /// <summary>Gives a new base SeaTable's initial content unless it has content; returns its row count.</summary>
    [Alias("Initialize")]
    Task<long> Initialize(string creatorId);

    /// <summary>The content as SeaTable's content.json text; null when the base has none.</summary>
    [Alias("GetContentJson")]
    Task<string?> GetContentJson();

    [Alias("Clear")]
    Task Clear();
}

[GenerateSerializer]
public sealed class BaseContentState
{
    [Id(0)] public string? ContentJson { get; set; }
}
