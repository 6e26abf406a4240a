using SeaTable.Grains.Settings;

namespace SeaTable.Grains.ImportExport;

/// <summary>Import and export settings (configuration section "SeaTable:ImportExport").</summary>
public sealed class ImportExportOptions
{
    public const string Section = "SeaTable:ImportExport";

    /// <summary>Tasks that run at once on one silo; the others wait their turn (phase "queued").</summary>
    [AtLeast(1)]
    public int MaxConcurrentTasks { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a finished task (its status and its export file) is kept before a reminder deletes it.</summary>
    [Duration]
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an interrupted task may be started again before it is marked failed.</summary>
    [AtLeast(1)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The largest .dtable upload. SeaTable's 100 MB export cap is not copied: archives are streamed.</summary>
    [AtLeast(1)]
    public long MaxArchiveBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The most bytes an archive may expand to (all entries together), a bound against zip bombs.</summary>
    [AtLeast(1)]
    public long MaxUncompressedBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>The highest expansion ratio of an entry larger than 1 MiB; a zip bomb far exceeds it.</summary>
    [AtLeast(1)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>The most entries an archive may hold.</summary>
    [AtLeast(1)]
    public int MaxArchiveEntries { get; set; } = 100_000;

    /// <summary>The largest content.json accepted: the whole base is held in memory once while it is imported.</summary>
    [AtLeast(1)]
    public long MaxContentJsonBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The largest CSV upload (SeaTable: 10 MB).</summary>
    [AtLeast(1)]
    public long CsvMaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>The most CSV lines, header included (SeaTable: 50,000).</summary>
    [AtLeast(1)]
    public int CsvMaxRows { get; set; } = 50_000;

    /// <summary>The most CSV columns (SeaTable: 500).</summary>
    [AtLeast(1)]
    public int CsvMaxColumns { get; set; } = 500;
}
