namespace SeaTable.Grains.Content.Model;

/// <summary>
/// One row, kept compact: the system fields typed, every other field (cells by column key, _participants,
/// ...) as one UTF-8 JSON object. 100,000 rows of 10 short cells take some 40-60 MB this way.
/// </summary>
internal sealed class ContentRow(string id)
{
    public static readonly byte[] NoCells = "{}"u8.ToArray();

    public string Id { get; } = id;

    /// <summary>Creation time in Unix milliseconds; null when the row has none (imported without it).</summary>
    public long? CreatedAt { get; set; }

    public long? ModifiedAt { get; set; }

    public string? Creator { get; set; }

    public string? LastModifier { get; set; }

    /// <summary>A JSON object: column key (or other field) to value. Never contains the system fields above.</summary>
    public byte[] Cells { get; set; } = NoCells;
}
