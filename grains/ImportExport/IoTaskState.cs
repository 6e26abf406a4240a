namespace SeaTable.Grains.ImportExport;

[GenerateSerializer]
public sealed class IoTaskState
{
    [Id(0)] public IoTaskPhase Phase { get; set; }
    [Id(1)] public IoTaskKind Kind { get; set; }
    [Id(2)] public string OwnerId { get; set; } = "";
    [Id(3)] public Guid DTableUuid { get; set; }
    [Id(4)] public long WorkspaceId { get; set; }
    [Id(5)] public string BaseName { get; set; } = "";
    [Id(6)] public string PublicUrl { get; set; } = "";
    [Id(7)] public bool IgnoreAsset { get; set; }
    [Id(8)] public int Progress { get; set; }
    [Id(9)] public long RowsDone { get; set; }
    /// <summary>The blob path of the export file once finished.</summary>
    [Id(10)] public string? ResultPath { get; set; }
    [Id(11)] public string? Error { get; set; }
    [Id(12)] public DateTimeOffset CreatedAt { get; set; }
    [Id(13)] public DateTimeOffset? EndedAt { get; set; }
    /// <summary>How often the work was started; a restart mid-work starts it again, up to a limit.</summary>
    [Id(14)] public int Attempts { get; set; }
    /// <summary>The end was shown once; the status is gone from then on (SeaTable pops it on read).</summary>
    [Id(15)] public bool StatusConsumed { get; set; }
    /// <summary>The base a copy task copies from.</summary>
    [Id(16)] public Guid SourceUuid { get; set; }
}
