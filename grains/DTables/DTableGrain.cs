using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Catalog;
using SeaTable.Grains.Common;
using SeaTable.Grains.Content;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Grains.DTables;

/// <summary>
/// Multi-grain changes follow one pattern: record the intent in this grain's state, apply the idempotent
/// step on the other grain, then record the outcome. A crash anywhere leaves an intent that
/// <see cref="OnActivateAsync"/> replays, so no half-done change stays visible.
/// </summary>
public sealed class DTableGrain(
    [PersistentState("dtable", StorageNames.Main)] IPersistentState<DTableState> state,
    ICatalogWriter catalog,
    IOptions<TrashOptions> trashOptions,
    IDataProtectionProvider dataProtection,
    SeaTable.Grains.Blobs.IBlobStore blobs,
    TimeProvider clock,
    SeaTableMetrics metrics,
    ILogger<DTableGrain> logger) : Grain, IDTableGrain, IRemindable
{
    internal const string PurgeReminder = "purge";
    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector("SeaTable.ApiTokens");

    private Guid Uuid => this.GetPrimaryKey();
    private DTableState S => state.State;
    private IWorkspaceGrain Workspace => GrainFactory.GetGrain<IWorkspaceGrain>(S.WorkspaceId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        switch (S.Status)
        {
            case DTableStatus.Creating:
                if (await Workspace.Resolve(S.Name) == Uuid)
                {
                    await CompleteCreate();
                }
                else
                {
                    await state.ClearStateAsync();
                }

                break;
            case DTableStatus.Purging:
                await CompletePurge();
                break;
            case DTableStatus.Active or DTableStatus.Trashed:
                await ReplayPending();
                // The catalog write may have been lost to a crash after the state write: repeat it (version-guarded).
                await catalog.UpsertDTableAsync(ToCatalogRow(), cancellationToken);
                if (S.Status == DTableStatus.Trashed)
                {
                    await EnsurePurgeReminder();
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

        var now = clock.GetUtcNow();
        state.State = new DTableState
        {
            Status = DTableStatus.Creating,
            Id = table.Id,
            WorkspaceId = table.WorkspaceId,
            OwnerId = table.OwnerId,
            OrgId = table.OrgId,
            Name = table.Name,
            CreatorId = table.CreatorId,
            ModifierId = table.CreatorId,
            CreatedAt = now,
            UpdatedAt = now,
            Color = table.Color,
            TextColor = table.TextColor,
            Icon = table.Icon,
            ImportTaskId = table.ImportTaskId,
        };
        await state.WriteStateAsync();

        if (!await Workspace.TryAddBase(table.Name, Uuid))
        {
            await state.ClearStateAsync();
            return DTableResult.Fail(DTableError.NameTaken);
        }

        await CompleteCreate();
        return Ok();
    }

    Task<DTableInfo?> IDTableGrain.GetInfo() =>
        Task.FromResult(S.Status is DTableStatus.Active or DTableStatus.Trashed ? ToInfo() : null);

    Task<AccessLevel> IDTableGrain.GetAccess(string userId) => Task.FromResult(AccessOf(userId));

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
        var renamed = await ApplyRename(callerId);
        return renamed ? Ok() : DTableResult.Fail(DTableError.NameTaken);
    }

    async Task<DTableResult> IDTableGrain.MoveToTrash(string callerId)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        S.Pending = PendingChange.Trash;
        S.ModifierId = callerId;
        await state.WriteStateAsync();
        await ApplyTrash();
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
        return await ApplyRestore() ? Ok() : DTableResult.Fail(DTableError.NameTaken);
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

        await CompletePurge();
        return Ok();
    }

    Task<IReadOnlyList<DTableShare>> IDTableGrain.ListShares() =>
        Task.FromResult<IReadOnlyList<DTableShare>>([.. S.Shares.Select(s => new DTableShare(s.Key, s.Value))]);

    async Task<DTableResult> IDTableGrain.Share(string callerId, string targetUserId, string permission)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        if (targetUserId == S.OwnerId)
        {
            return DTableResult.Fail(DTableError.ShareWithOwner);
        }

        if (S.Shares.ContainsKey(targetUserId))
        {
            return DTableResult.Fail(DTableError.AlreadyShared);
        }

        S.Shares[targetUserId] = permission;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountGrain>(targetUserId).AddSharedBase(Uuid);
        return Ok();
    }

    async Task<DTableResult> IDTableGrain.UpdateShare(string callerId, string targetUserId, string permission)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        if (!S.Shares.ContainsKey(targetUserId))
        {
            return DTableResult.Fail(DTableError.NotShared);
        }

        S.Shares[targetUserId] = permission;
        await state.WriteStateAsync();
        return Ok();
    }

    async Task<DTableResult> IDTableGrain.Unshare(string callerId, string targetUserId)
    {
        if (Check(callerId, AccessLevel.Admin) is { } failure)
        {
            return failure;
        }

        if (!S.Shares.Remove(targetUserId))
        {
            return DTableResult.Fail(DTableError.NotShared);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountGrain>(targetUserId).RemoveSharedBase(Uuid);
        return Ok();
    }

    async Task<ApiTokenResult> IDTableGrain.CreateApiToken(string callerId, string appName, string permission)
    {
        if (CheckTokenManager(callerId) is { } failure)
        {
            return failure;
        }

        if (S.ApiTokens.ContainsKey(AppNames.Key(appName)))
        {
            return new ApiTokenResult(ApiTokenError.AppNameTaken);
        }

        var token = Secrets.NewToken();
        var entry = new ApiTokenEntry
        {
            AppName = appName,
            TokenHash = Secrets.HashToken(token),
            ProtectedToken = _tokenProtector.Protect(token),
            Permission = permission,
            GeneratedBy = callerId,
            GeneratedAt = clock.GetUtcNow(),
        };

        // The base records the token before its grain exists, so no working token is ever unknown to its base.
        S.ApiTokens[AppNames.Key(appName)] = entry;
        await state.WriteStateAsync();
        await TokenGrain(entry).Initialize(ToRecord(entry));
        return new ApiTokenResult(ApiTokenError.None, ToView(entry, entry.GeneratedAt));
    }

    async Task<ApiTokenResult> IDTableGrain.ListApiTokens(string callerId)
    {
        if (CheckTokenManager(callerId) is { } failure)
        {
            return failure;
        }

        var views = new List<ApiTokenView>();
        foreach (var entry in S.ApiTokens.Values.OrderBy(e => e.GeneratedAt))
        {
            views.Add(ToView(entry, await InfoOf(entry)));
        }

        return new ApiTokenResult(ApiTokenError.None, Tokens: views);
    }

    async Task<ApiTokenResult> IDTableGrain.ListApiTokenStatus(string callerId)
    {
        if (Check(callerId, AccessLevel.Read) is { } failure)
        {
            return new ApiTokenResult(failure.Error == DTableError.NotFound ? ApiTokenError.NotFound : ApiTokenError.PermissionDenied);
        }

        var views = new List<ApiTokenView>();
        foreach (var entry in S.ApiTokens.Values.OrderBy(e => e.GeneratedAt))
        {
            // The token itself is not shown to readers: only the owner's token list reveals it.
            views.Add(new ApiTokenView(entry.AppName, "", entry.GeneratedBy, entry.GeneratedAt, await LastAccessOf(entry), entry.Permission));
        }

        return new ApiTokenResult(ApiTokenError.None, Tokens: views);
    }

    async Task<ApiTokenResult> IDTableGrain.UpdateApiToken(string callerId, string appName, string permission)
    {
        if (CheckTokenManager(callerId) is { } failure)
        {
            return failure;
        }

        if (!S.ApiTokens.TryGetValue(AppNames.Key(appName), out var entry))
        {
            return new ApiTokenResult(ApiTokenError.TokenNotFound);
        }

        if (entry.Permission == permission)
        {
            return new ApiTokenResult(ApiTokenError.SamePermission);
        }

        entry.Permission = permission;
        await state.WriteStateAsync();
        await TokenGrain(entry).SetPermission(permission);
        return new ApiTokenResult(ApiTokenError.None, ToView(entry, await InfoOf(entry)));
    }

    async Task<ApiTokenResult> IDTableGrain.SetApiTokenRateLimit(string callerId, string appName, int? requestsPerMinute)
    {
        if (CheckTokenManager(callerId) is { } failure)
        {
            return failure;
        }

        if (!S.ApiTokens.TryGetValue(AppNames.Key(appName), out var entry))
        {
            return new ApiTokenResult(ApiTokenError.TokenNotFound);
        }

        await InfoOf(entry);
        await TokenGrain(entry).SetRequestsPerMinute(requestsPerMinute);
        return new ApiTokenResult(ApiTokenError.None, ToView(entry, await InfoOf(entry)));
    }

    async Task<ApiTokenResult> IDTableGrain.DeleteApiToken(string callerId, string appName)
    {
        if (CheckTokenManager(callerId) is { } failure)
        {
            return failure;
        }

        if (!S.ApiTokens.Remove(AppNames.Key(appName), out var entry))
        {
            return new ApiTokenResult(ApiTokenError.TokenNotFound);
        }

        await state.WriteStateAsync();
        await TokenGrain(entry).Delete();
        return new ApiTokenResult(ApiTokenError.None);
    }

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
        if (reminderName != PurgeReminder)
        {
            return;
        }

        if (S.Status is DTableStatus.Trashed or DTableStatus.Purging
            && S.DeleteTime is { } deleted && clock.GetUtcNow() >= deleted + trashOptions.Value.Retention)
        {
            logger.LogInformation("Purging base {Uuid} ({Name}), trashed at {DeleteTime}", Uuid, S.Name, deleted);
            await CompletePurge();
        }
        else if (S.Status is not (DTableStatus.Trashed or DTableStatus.Purging))
        {
            await UnregisterPurgeReminder();
        }
    }

    Task<ImportTargetState> IDTableGrain.GetImportState(Guid taskId) => Task.FromResult(
        S.ImportTaskId != taskId ? ImportTargetState.Missing
        : S.Status is DTableStatus.Importing ? ImportTargetState.Waiting
        : S.Status is DTableStatus.Active or DTableStatus.Trashed ? ImportTargetState.Completed
        : ImportTargetState.Missing);

    async Task<bool> IDTableGrain.CompleteImport(Guid taskId, long rowsCount)
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
        // Version-guarded and repeated on activation, like every catalog write.
        await catalog.UpsertDTableAsync(ToCatalogRow());
        return true;
    }

    async Task IDTableGrain.AbandonImport(Guid taskId)
    {
        if (S.Status is not (DTableStatus.Importing or DTableStatus.Creating) || S.ImportTaskId != taskId)
        {
            return;
        }

        // Every step is idempotent and the state is cleared last, so a crash part-way is finished by the next call.
        await Workspace.RemoveBase(Uuid);
        await GrainFactory.GetGrain<IBaseContentGrain>(Uuid).Clear();
        blobs.DeleteFolder(SeaTable.Grains.Blobs.BlobPaths.AssetFolder(Uuid));
        await catalog.DeleteDTableAsync(Uuid);
        await state.ClearStateAsync();
    }

    private async Task CompleteCreate()
    {
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
                await ApplyTrash();
                break;
            case PendingChange.Restore:
                await ApplyRestore();
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
            await NotifyTokens();
        }

        return renamed;
    }

    private async Task ApplyTrash()
    {
        await Workspace.MoveToTrash(Uuid);
        S.Status = DTableStatus.Trashed;
        S.DeleteTime ??= clock.GetUtcNow();
        S.Pending = PendingChange.None;
        S.Version++;
        await state.WriteStateAsync();
        await EnsurePurgeReminder();
        await WriteCatalogAsync(() => catalog.UpsertDTableAsync(ToCatalogRow()));
        await NotifyTokens();
    }

    private async Task<bool> ApplyRestore()
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
            await UnregisterPurgeReminder();
            await WriteCatalogAsync(() => catalog.UpsertDTableAsync(ToCatalogRow()));
            await NotifyTokens();
        }

        return restored;
    }

    private async Task CompletePurge()
    {
        if (S.Status != DTableStatus.Purging)
        {
            S.Status = DTableStatus.Purging;
            await state.WriteStateAsync();
        }

        // Every step below is idempotent, so a crash part-way is finished by the next activation or tick.
        await Workspace.RemoveBase(Uuid);
        await GrainFactory.GetGrain<IBaseContentGrain>(Uuid).Clear();
        foreach (var userId in S.Shares.Keys)
        {
            await GrainFactory.GetGrain<IAccountGrain>(userId).RemoveSharedBase(Uuid);
        }

        foreach (var entry in S.ApiTokens.Values)
        {
            await TokenGrain(entry).Delete();
        }

        blobs.DeleteFolder(SeaTable.Grains.Blobs.BlobPaths.AssetFolder(Uuid));

        await WriteCatalogAsync(() => catalog.DeleteDTableAsync(Uuid));
        await UnregisterPurgeReminder();
        await state.ClearStateAsync();
        metrics.TrashPurged.Add(1);
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

    private async Task EnsurePurgeReminder()
    {
        if (await this.GetReminder(PurgeReminder) is not null)
        {
            return;
        }

        var due = S.DeleteTime!.Value + trashOptions.Value.Retention - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(
            PurgeReminder,
            due > TimeSpan.Zero ? due : TimeSpan.FromSeconds(1),
            trashOptions.Value.PurgeRetryPeriod);
    }

    private async Task UnregisterPurgeReminder()
    {
        if (await this.GetReminder(PurgeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private AccessLevel AccessOf(string userId)
    {
        if (S.Status != DTableStatus.Active)
        {
            return AccessLevel.None;
        }

        if (userId == S.OwnerId)
        {
            return AccessLevel.Admin;
        }

        return S.Shares.TryGetValue(userId, out var permission) ? SharePermission.ToAccess(permission) : AccessLevel.None;
    }

    private DTableResult? Check(string callerId, AccessLevel required)
    {
        if (S.Status != DTableStatus.Active)
        {
            return DTableResult.Fail(DTableError.NotFound);
        }

        return AccessOf(callerId) >= required ? null : DTableResult.Fail(DTableError.PermissionDenied);
    }

    private ApiTokenResult? CheckTokenManager(string callerId) => Check(callerId, AccessLevel.Admin)?.Error switch
    {
        null => null,
        DTableError.NotFound => new ApiTokenResult(ApiTokenError.NotFound),
        _ => new ApiTokenResult(ApiTokenError.PermissionDenied),
    };

    /// <summary>Pushes the base's state to its tokens, so a trash or restore takes effect on the next exchange.</summary>
    private Task NotifyTokens()
    {
        var baseState = new ApiTokenBaseState(S.Name, S.WorkspaceId, S.OwnerId, S.OrgId, S.Status == DTableStatus.Active);
        return Task.WhenAll(S.ApiTokens.Values.Select(entry => TokenGrain(entry).SetBaseState(baseState)));
    }

    private IApiTokenGrain TokenGrain(ApiTokenEntry entry) => GrainFactory.GetGrain<IApiTokenGrain>(entry.TokenHash);

    private ApiTokenRecord ToRecord(ApiTokenEntry entry) =>
        new(Uuid, entry.AppName, entry.Permission, entry.GeneratedBy, entry.GeneratedAt);

    /// <summary>The token grain's last_access; recreates the grain if a crash lost it after the base recorded it.</summary>
    private async Task<DateTimeOffset> LastAccessOf(ApiTokenEntry entry) => (await InfoOf(entry))?.LastAccess ?? entry.GeneratedAt;

    /// <summary>What the token grain knows (last_access, limit, usage); recreates it if a crash lost it.</summary>
    private async Task<ApiTokenInfo?> InfoOf(ApiTokenEntry entry)
    {
        if (await TokenGrain(entry).GetInfo() is { } info)
        {
            return info;
        }

        await TokenGrain(entry).Initialize(ToRecord(entry));
        return null;
    }

    private ApiTokenView ToView(ApiTokenEntry entry, ApiTokenInfo? info) =>
        ToView(entry, info?.LastAccess ?? entry.GeneratedAt) with { RequestsPerMinute = info?.RequestsPerMinute, Usage = info?.Usage };

    private ApiTokenView ToView(ApiTokenEntry entry, DateTimeOffset lastAccess)
    {
        string token;
        try
        {
            token = _tokenProtector.Unprotect(entry.ProtectedToken);
        }
        catch (CryptographicException)
        {
            // The Data Protection keys were lost: the token still works, but cannot be shown again.
            token = "";
        }

        return new ApiTokenView(entry.AppName, token, entry.GeneratedBy, entry.GeneratedAt, lastAccess, entry.Permission);
    }

    private DTableResult Ok() => new(DTableError.None, ToInfo());

    private DTableInfo ToInfo() => new(
        S.Id, Uuid, S.WorkspaceId, S.OwnerId, S.OrgId, S.Name, S.CreatorId, S.ModifierId, S.CreatedAt, S.UpdatedAt,
        S.Status == DTableStatus.Trashed, S.DeleteTime, S.Color, S.TextColor, S.Icon, S.RowsCount);

    private CatalogDTable ToCatalogRow() => new(
        S.Id, Uuid, S.WorkspaceId, S.OwnerId, S.OrgId, S.Name, S.CreatorId, S.ModifierId, S.CreatedAt, S.UpdatedAt,
        S.Status == DTableStatus.Trashed, S.DeleteTime, S.RowsCount, S.Version);
}
