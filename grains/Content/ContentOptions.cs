namespace SeaTable.Grains.Content;

/// <summary>What a base may hold and when its log is folded into a snapshot (configuration "SeaTable:Content").</summary>
public sealed class ContentOptions
{
    /// <summary>Rows of all tables of a base together: SeaTable's limit is 100,000.</summary>
    public int MaxRows { get; set; } = 100_000;

    public int MaxTables { get; set; } = 200;

    public int MaxColumns { get; set; } = 500;

    /// <summary>A snapshot is written after this many logged writes ...</summary>
    public int SnapshotEveryOperations { get; set; } = 1000;

    /// <summary>... or once the log since the last snapshot is this large and at least as large as that snapshot.</summary>
    public int SnapshotMinLogBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How often a changed row count is reported to the base (and so to the catalog's rows_count).</summary>
    public TimeSpan RowsCountReportInterval { get; set; } = TimeSpan.FromSeconds(30);
}
