using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Blobs;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.Content;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Grains.DTables;

/// <summary>
/// Multi-grain changes follow one pattern: record the intent in this grain's state, apply the idempotent
/// step on the other grain, then record the outcome. An interrupted step leaves an intent that this grain
/// finishes itself (see DTableGrain.Healing.cs): at once on the next call, within seconds by a timer, and
/// after a lost silo by a reminder or the next activation, so no half-done change stays visible.
/// </summary>
public sealed partial class DTableGrain(
    [PersistentState("dtable", StorageNames.Main)] IPersistentState<DTableState> state,
    ICatalogWriter catalog,
    IOptions<TrashOptions> trashOptions,
    IDataProtectionProvider dataProtection,
    IBlobStore blobs,
    TimeProvider clock,
    SeaTableMetrics metrics,
    ILogger<DTableGrain> logger) : Grain, IDTableGrain, IRemindable
{
    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector("SeaTable.ApiTokens");
    private DTableShares? _shares;
    private DTableApiTokens? _tokens;
    private DTableImportTarget? _import;
    private DTableTrash? _trash;

    private Guid Uuid => this.GetPrimaryKey();
    private DTableState S => state.State;
    private IWorkspaceGrain Workspace => GrainFactory.GetGrain<IWorkspaceGrain>(S.WorkspaceId);
    private DTableShares Shares => _shares ??= new DTableShares(state, GrainFactory, Uuid);
    private DTableApiTokens Tokens => _tokens ??= new DTableApiTokens(state, GrainFactory, _tokenProtector, clock, Uuid);
    private DTableImportTarget Import => _import ??= new DTableImportTarget(state, clock);
    private DTableTrash Trash => _trash ??= new DTableTrash(this, state, GrainFactory, blobs, trashOptions.Value, clock, metrics, Shares, Tokens,
        () => WriteCatalogAsync(() => catalog.UpsertDTableAsync(ToCatalogRow())), () => WriteCatalogAsync(() => catalog.DeleteDTableAsync(Uuid)));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (NeedsHealing)
        {
            await TryHealAsync(inline: false);
        }

        switch (S.Status)
        {
            case DTableStatus.Active or DTableStatus.Trashed:
                // The catalog write may have been lost to a crash after the state write: repeat it (version-guarded).
                await catalog.UpsertDTableAsync(ToCatalogRow(), cancellationToken);
                if (S.Status == DTableStatus.Trashed)
                {
                    await Trash.EnsureReminder();
                }

                break;
        }
    }

    async Task<DTableResult> IDTableGrain.Create(NewDTable table)
    {
        if (S.Status != DTableStatus.None)
        {
            var same = S.Name == table.Name && S.WorkspaceId == table.WorkspaceId && S.ImportTaskId == table.ImportTaskId;
            return same && S.Status is DTableStatus.Active or DTableStatus.Importing
                ? Ok()
                : DTableResult.Fail(DTableError.NameTaken);
        }

        state.State = DTableState.Creating(table, clock.GetUtcNow());
        await state.WriteStateAsync();
        await EnsureHealReminderAsync();

        if (!await Workspace.TryAddBase(table.Name, Uuid))
        {
            await state.ClearStateAsync();
            return DTableResult.Fail(DTableError.NameTaken);
        }

        await CompleteCreate(answered: true);
        return Ok();
    }

    Task<DTableInfo?> IDTableGrain.AnswerRetry(DTableDraft draft) =>
        Task.FromResult(IsUnansweredCreationOf(draft) ? ToInfo() : null);

    Task<DTableInfo?> IDTableGrain.GetInfo() =>
        Task.FromResult(S.Status is DTableStatus.Active or DTableStatus.Trashed ? ToInfo() : null);

    Task<AccessLevel> IDTableGrain.GetAccess(string userId) => Task.FromResult(Shares.AccessOf(userId));

    async Task<DTableResult> IDTableGrain.Rename(string callerId, string newName)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        if (newName == S.Name)
        {
            return Ok();
        }

        S.Pending = PendingChange.Rename;
        S.PendingName = newName;
        await state.WriteStateAsync();
        await EnsureHealReminderAsync();
        var renamed = await ApplyRename(callerId);
        return renamed ? Ok() : DTableResult.Fail(DTableError.NameTaken);
    }

    async Task<DTableResult> IDTableGrain.MoveToTrash(string callerId)
    {
        // The caller's repeat of a move whose answer was lost: it is in the trash, as asked.
        if (S.Status == DTableStatus.Trashed && S.Pending == PendingChange.None && S.ModifierId == callerId)
        {
            return Ok();
        }

        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        S.Pending = PendingChange.Trash;
        S.ModifierId = callerId;
        await state.WriteStateAsync();
        await EnsureHealReminderAsync();
        await Trash.MoveToTrash();
        return Ok();
    }

    async Task<DTableResult> IDTableGrain.Restore(string? callerId)
    {
        if (S.Status != DTableStatus.Trashed)
        {
            return DTableResult.Fail(DTableError.NotInTrash);
        }

        if (callerId is not null && callerId != S.OwnerId)
        {
            return DTableResult.Fail(DTableError.PermissionDenied);
        }

        S.Pending = PendingChange.Restore;
        await state.WriteStateAsync();
        await EnsureHealReminderAsync();
        return await Trash.Restore() ? Ok() : DTableResult.Fail(DTableError.NameTaken);
    }

    async Task<DTableResult> IDTableGrain.Purge(string? callerId)
    {
        if (S.Status == DTableStatus.None)
        {
            return Ok();
        }

        if (S.Status is not (DTableStatus.Trashed or DTableStatus.Purging))
        {
            return DTableResult.Fail(DTableError.NotInTrash);
        }

        if (callerId is not null && callerId != S.OwnerId)
        {
            return DTableResult.Fail(DTableError.PermissionDenied);
        }

        await Trash.Purge();
        return Ok();
    }

    Task<IReadOnlyList<DTableShare>> IDTableGrain.ListShares() => Task.FromResult(Shares.List());

    async Task<DTableResult> IDTableGrain.Share(string callerId, string targetUserId, string permission)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        // So that a silo's death between the share and the account's list is healed elsewhere.
        await EnsureHealReminderAsync();
        return Result(await Shares.Add(targetUserId, permission));
    }

    async Task<DTableResult> IDTableGrain.UpdateShare(string callerId, string targetUserId, string permission) =>
        Check(callerId, AccessLevel.Admin) ?? Result(await Shares.Update(targetUserId, permission));

    async Task<DTableResult> IDTableGrain.Unshare(string callerId, string targetUserId)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        await EnsureHealReminderAsync();
        return Result(await Shares.Remove(targetUserId));
    }

    async Task<ApiTokenResult> IDTableGrain.CreateApiToken(string callerId, string appName, string permission) =>
        CheckTokenManager(callerId) ?? await Tokens.Create(callerId, appName, permission);

    async Task<ApiTokenResult> IDTableGrain.ListApiTokens(string callerId) =>
        CheckTokenManager(callerId) ?? await Tokens.List();

    async Task<ApiTokenResult> IDTableGrain.ListApiTokenStatus(string callerId) =>
        Check(callerId, AccessLevel.Read) is { } failure
            ? new ApiTokenResult(failure.Error == DTableError.NotFound ? ApiTokenError.NotFound : ApiTokenError.PermissionDenied)
            : await Tokens.ListStatus();

    async Task<ApiTokenResult> IDTableGrain.UpdateApiToken(string callerId, string appName, string permission) =>
        CheckTokenManager(callerId) ?? await Tokens.Update(appName, permission);

    async Task<ApiTokenResult> IDTableGrain.SetApiTokenRateLimit(string callerId, string appName, int? requestsPerMinute) =>
        CheckTokenManager(callerId) ?? await Tokens.SetRateLimit(appName, requestsPerMinute);

    async Task<ApiTokenResult> IDTableGrain.DeleteApiToken(string callerId, string appName) =>
        CheckTokenManager(callerId) ?? await Tokens.Delete(appName);

    async Task IDTableGrain.SetRowsCount(long rowsCount)
    {
        if (S.Status is DTableStatus.Active or DTableStatus.Trashed && S.RowsCount != rowsCount)
        {
            S.RowsCount = rowsCount;
            S.Version++;
            await state.WriteStateAsync();
            await catalog.UpsertDTableAsync(ToCatalogRow());
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == HealReminderName)
        {
            // The call filter has healed what it could before this tick.
            await ReleaseHealReminderIfDoneAsync(tick: true);
            return;
        }

        if (reminderName != DTableTrash.ReminderName)
        {
            return;
        }

        if (Trash.IsPurgeDue)
        {
            logger.LogInformation("Purging base {Uuid} ({Name}), trashed at {DeleteTime}", Uuid, S.Name, S.DeleteTime);
            await Trash.Purge();
        }
        else if (S.Status is not (DTableStatus.Trashed or DTableStatus.Purging))
        {
            await Trash.UnregisterReminder();
        }
    }

    Task<ImportTargetState> IDTableGrain.GetImportState(Guid taskId) => Task.FromResult(Import.StateFor(taskId));

    // Version-guarded and repeated on activation, like every catalog write.
    Task<bool> IDTableGrain.CompleteImport(Guid taskId, long rowsCount) =>
        Import.Complete(taskId, rowsCount, () => catalog.UpsertDTableAsync(ToCatalogRow()));

    Task IDTableGrain.AbandonImport(Guid taskId) => Import.Abandon(taskId, async () =>
    {
        await Workspace.RemoveBase(Uuid);
        await GrainFactory.GetGrain<IBaseContentGrain>(Uuid).Clear();
        await GrainFactory.GetGrain<SeaTable.Grains.Comments.IBaseCommentsGrain>(Uuid).Clear();
        blobs.DeleteFolder(BlobPaths.AssetFolder(Uuid));
        await catalog.DeleteDTableAsync(Uuid);
    });

    /// <param name="answered">Whether the creating call answers this creation (see <see cref="DTableState.CreateAnswered"/>).</param>
    private async Task CompleteCreate(bool answered)
    {
        S.CreateAnswered = answered;
        if (S.ImportTaskId is not null)
        {
            // The import task fills the content and makes the base live (CompleteImport).
            S.Status = DTableStatus.Importing;
            await state.WriteStateAsync();
            return;
        }

        S.RowsCount = await GrainFactory.GetGrain<IBaseContentGrain>(Uuid).Initialize(S.CreatorId);
        S.Status = DTableStatus.Active;
        S.Version++;
        await state.WriteStateAsync();
        await WriteCatalogAsync(() => catalog.UpsertDTableAsync(ToCatalogRow()));
    }

    private async Task ReplayPending()
    {
        switch (S.Pending)
        {
            case PendingChange.Rename:
                await ApplyRename(S.ModifierId);
                break;
            case PendingChange.Trash:
                await Trash.MoveToTrash();
                break;
            case PendingChange.Restore:
                await Trash.Restore();
                break;
        }
    }

    private async Task<bool> ApplyRename(string callerId)
    {
        var newName = S.PendingName!;
        var renamed = await Workspace.TryRenameBase(S.Name, newName, Uuid);
        if (renamed)
        {
            S.Name = newName;
            S.ModifierId = callerId;
            S.UpdatedAt = clock.GetUtcNow();
            S.Version++;
        }

        S.Pending = PendingChange.None;
        S.PendingName = null;
        await state.WriteStateAsync();
        if (renamed)
        {
            await WriteCatalogAsync(() => catalog.UpsertDTableAsync(ToCatalogRow()));
            await Tokens.Notify();
        }

        return renamed;
    }

    /// <summary>
    /// A catalog write after the grain's own state was written. If it fails (database down, crash of the
    /// connection), the catalog is behind the grain: the activation is dropped so that the next call
    /// activates the grain afresh, and activation repeats the (version-guarded) catalog write.
    /// </summary>
    private async Task WriteCatalogAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private DTableResult? Check(string callerId, AccessLevel required)
    {
        if (S.Status != DTableStatus.Active)
        {
            return DTableResult.Fail(DTableError.NotFound);
        }

        return Shares.AccessOf(callerId) >= required ? null : DTableResult.Fail(DTableError.PermissionDenied);
    }

    private ApiTokenResult? CheckTokenManager(string callerId) => Check(callerId, AccessLevel.Admin)?.Error switch
    {
        null => null,
        DTableError.NotFound => new ApiTokenResult(ApiTokenError.NotFound),
        _ => new ApiTokenResult(ApiTokenError.PermissionDenied),
    };

    private DTableResult Ok() => new(DTableError.None, ToInfo());

    private DTableResult Result(DTableError error) => error == DTableError.None ? Ok() : DTableResult.Fail(error);

    private DTableInfo ToInfo() => S.ToInfo(Uuid);

    private CatalogDTable ToCatalogRow() => S.ToCatalogRow(Uuid);
}
