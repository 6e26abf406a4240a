using SeaTable.Grains.Blobs;

namespace SeaTable.Grains.ImportExport;

/// <summary>What a task's work needs: the task, where its files are, the grains, limits and progress.</summary>
public sealed record IoJobContext(
    Guid TaskId,
    NewIoTask Task,
    IBlobStore Blobs,
    IGrainFactory Grains,
    ImportExportOptions Options,
    TimeProvider Clock,
    IoTaskProgress Progress);

/// <summary>What the work produced: the export file (exports) and the rows it handled.</summary>
public sealed record IoJobOutcome(string? ResultPath, long Rows);
