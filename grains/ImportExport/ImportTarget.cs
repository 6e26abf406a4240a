using SeaTable.Grains.DTables;

namespace SeaTable.Grains.ImportExport;

public static class ImportTarget
{
    /// <summary>
    /// Before an import works: null when its base waits for it; the outcome when an earlier run already completed
    /// the base (the run was interrupted after the commit point); a failure when there is no base to fill.
    /// </summary>
    public static async Task<IoJobOutcome?> CheckAsync(IoJobContext context, IDTableGrain dtable)
    {
        switch (await dtable.GetImportState(context.TaskId))
        {
            case ImportTargetState.Waiting:
                return null;
            case ImportTargetState.Completed:
                return new IoJobOutcome(null, (await dtable.GetInfo())?.RowsCount ?? 0);
            default:
                throw new IoTaskFailedException("The import was interrupted before its base was created; nothing was imported.");
        }
    }
}
