using SeaTable.Grains.Settings;

namespace SeaTable.Grains.Content;

/// <summary>What a base may hold and when its log is folded into a snapshot (configuration "SeaTable:Content").</summary>
public sealed class ContentOptions
{
    public const string Section = "SeaTable:Content";

    /// <summary>Rows of all tables of a base together: SeaTable's limit is 100,000.</summary>
    [AtLeast(1)]
    public int MaxRows { get; set; } = 100_000;

    [AtLeast(1)]
    public int MaxTables { get; set; } = 200;

    [AtLeast(1)]
    public int MaxColumns { get; set; } = 500;

    /// <summary>A snapshot is written after this many logged writes ...</summary>
    [AtLeast(1)]
    public int SnapshotEveryOperations { get; set; } = 1000;

    /// <summary>... or once the log since the last snapshot is this large and at least as large as that snapshot.</summary>
    [AtLeast(1)]
    public int SnapshotMinLogBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How often a changed row count is reported to the base (and so to the catalog's rows_count).</summary>
    [Duration]
    public TimeSpan RowsCountReportInterval { get; set; } = TimeSpan.FromSeconds(30);
}
