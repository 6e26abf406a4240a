namespace SeaTable.Grains.DTables;

/// <summary>
/// A base created by an import task: it holds its name while the task fills it (status Importing), invisible
/// until the task completes it, removed when the task abandons it. The base grain routes the task's calls
/// here; this class writes the state it was handed (the grain is still its only writer, one call at a time).
/// </summary>
internal sealed class DTableImportTarget(IPersistentState<DTableState> state, TimeProvider clock)
{
    private DTableState S => state.State;

    public ImportTargetState StateFor(Guid taskId) =>
        S.ImportTaskId != taskId ? ImportTargetState.Missing
        : S.Status is DTableStatus.Importing ? ImportTargetState.Waiting
        : S.Status is DTableStatus.Active or DTableStatus.Trashed ? ImportTargetState.Completed
        : ImportTargetState.Missing;

    /// <summary>Makes the base live; true when it is (now or already) the task's live base.</summary>
    /// <param name="writeCatalog">The grain's catalog write, after the state is written.</param>
    public async Task<bool> Complete(Guid taskId, long rowsCount, Func<Task> writeCatalog)
    {
        if (S.ImportTaskId != taskId)
        {
            return false;
        }

        if (S.Status == DTableStatus.Active)
        {
            return true;
        }

        if (S.Status != DTableStatus.Importing)
        {
            return false;
        }

        S.RowsCount = rowsCount;
        S.Status = DTableStatus.Active;
        S.UpdatedAt = clock.GetUtcNow();
        S.Version++;
        await state.WriteStateAsync();
        await writeCatalog();
        return true;
    }

    /// <summary>Removes the base the task was filling; nothing happens unless it waits for that task.</summary>
    /// <param name="removeElsewhere">The grain's idempotent removal of the base's name, content, assets and catalog row.</param>
    public async Task Abandon(Guid taskId, Func<Task> removeElsewhere)
    {
        if (S.Status is not (DTableStatus.Importing or DTableStatus.Creating) || S.ImportTaskId != taskId)
        {
            return;
        }

        // Every step is idempotent and the state is cleared last, so a crash part-way is finished by the next call.
        await removeElsewhere();
        await state.ClearStateAsync();
    }
}
