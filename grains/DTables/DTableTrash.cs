using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Common;
using SeaTable.Grains.Content;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Grains.DTables;

/// <summary>
/// A base's way through the trash: moved there (its name freed), restored (its name taken back), purged for
/// good by a reminder once the retention has passed. Each step is idempotent and replayed by the base grain
/// from its intent log; this class writes the state it was handed (the grain is still its only writer).
/// </summary>
/// <param name="upsertCatalog">The grain's catalog write of the base's row (it drops the activation when that fails).</param>
/// <param name="deleteCatalog">The grain's catalog delete of the base's row, likewise.</param>
internal sealed class DTableTrash(
    IGrainBase grain,
    IPersistentState<DTableState> state,
    IGrainFactory grains,
    IBlobStore blobs,
    TrashOptions options,
    TimeProvider clock,
    SeaTableMetrics metrics,
    DTableShares shares,
    DTableApiTokens tokens,
    Func<Task> upsertCatalog,
    Func<Task> deleteCatalog)
{
    /// <summary>A reminder, not a timer: it survives deactivation and silo restarts, and ticks again after a failed purge.</summary>
    public const string ReminderName = "purge";

    private DTableState S => state.State;
    private Guid Uuid => grain.GrainContext.GrainId.GetGuidKey();
    private IWorkspaceGrain Workspace => grains.GetGrain<IWorkspaceGrain>(S.WorkspaceId);

    /// <summary>Whether the trashed (or half-purged) base has been in the trash for the whole retention.</summary>
    /// <remarks>A started purge (an admin's or the owner's, before the retention) is always due: it must finish.</remarks>
    public bool IsPurgeDue =>
        S.Status == DTableStatus.Purging
        || (S.Status == DTableStatus.Trashed && S.DeleteTime is { } deleted && clock.GetUtcNow() >= deleted + options.Retention);

    public async Task MoveToTrash()
    {
        await Workspace.MoveToTrash(Uuid);
        S.Status = DTableStatus.Trashed;
        S.DeleteTime ??= clock.GetUtcNow();
        S.Pending = PendingChange.None;
        S.Version++;
        await state.WriteStateAsync();
        await EnsureReminder();
        await upsertCatalog();
        await tokens.Notify();
    }

    /// <summary>Gives the base its name back; false when a live base holds the name now.</summary>
    public async Task<bool> Restore()
    {
        var restored = await Workspace.TryRestore(S.Name, Uuid);
        if (restored)
        {
            S.Status = DTableStatus.Active;
            S.DeleteTime = null;
            S.Version++;
        }

        S.Pending = PendingChange.None;
        await state.WriteStateAsync();
        if (restored)
        {
            await UnregisterReminder();
            await upsertCatalog();
            await tokens.Notify();
        }

        return restored;
    }

    public async Task Purge()
    {
        if (S.Status != DTableStatus.Purging)
        {
            S.Status = DTableStatus.Purging;
            await state.WriteStateAsync();
        }

        // Every step below is idempotent, so a crash part-way is finished by the next activation or tick.
        await Workspace.RemoveBase(Uuid);
        await grains.GetGrain<IBaseContentGrain>(Uuid).Clear();
        await grains.GetGrain<SeaTable.Grains.Comments.IBaseCommentsGrain>(Uuid).Clear();
        await shares.ForgetAll();
        await tokens.DeleteAll();

        blobs.DeleteFolder(BlobPaths.AssetFolder(Uuid));

        await deleteCatalog();
        await UnregisterReminder();
        await state.ClearStateAsync();
        metrics.TrashPurged.Add(1);
    }

    public async Task EnsureReminder()
    {
        if (await grain.GetReminder(ReminderName) is not null)
        {
            return;
        }

        var due = S.DeleteTime!.Value + options.Retention - clock.GetUtcNow();
        await grain.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.FromSeconds(1), options.PurgeRetryPeriod);
    }

    public async Task UnregisterReminder()
    {
        if (await grain.GetReminder(ReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
