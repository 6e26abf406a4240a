using Microsoft.Extensions.Options;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Grains.ApiTokens;

[GenerateSerializer]
public sealed class ApiTokenState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public Guid DTableUuid { get; set; }
    [Id(2)] public string AppName { get; set; } = "";
    [Id(3)] public string Permission { get; set; } = "";
    [Id(4)] public string GeneratedBy { get; set; } = "";
    [Id(5)] public DateTimeOffset GeneratedAt { get; set; }
    [Id(6)] public DateTimeOffset LastAccess { get; set; }
    [Id(7)] public int Version { get; set; }
    [Id(8)] public int? RequestsPerMinute { get; set; }
    /// <summary>Null until first used (no initializer: the storage deserializer would fill that object in place).</summary>
    [Id(9)] public ApiTokenUsage? Usage { get; set; }
}

public sealed class ApiTokenGrain(
    [PersistentState("apitoken", StorageNames.Main)] IPersistentState<ApiTokenState> state,
    IOptions<ApiTokenOptions> options,
    TimeProvider clock) : Grain, IApiTokenGrain
{
    /// <summary>A pushed or fetched base state older than this is fetched again (in case a push was lost).</summary>
    private static readonly TimeSpan BaseStateLifetime = TimeSpan.FromSeconds(30);
    private DateTimeOffset? _pendingLastAccess;
    private ApiTokenUsage? _pendingUsage;
    private IGrainTimer? _flushTimer;
    private (ApiTokenBaseState? State, DateTimeOffset At)? _base;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushLastAccess();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    async Task IApiTokenGrain.Initialize(ApiTokenRecord record)
    {
        if (state.State.Exists && state.State.DTableUuid == record.DTableUuid && state.State.AppName == record.AppName
            && state.State.Permission == record.Permission)
        {
            return;
        }

        state.State = new ApiTokenState
        {
            Exists = true,
            DTableUuid = record.DTableUuid,
            AppName = record.AppName,
            Permission = record.Permission,
            GeneratedBy = record.GeneratedBy,
            GeneratedAt = record.GeneratedAt,
            // SeaTable's last_access is auto_now: it starts equal to the creation time.
            LastAccess = record.GeneratedAt,
            Version = state.State.Version + 1,
        };
        await state.WriteStateAsync();
    }

    Task<ApiTokenInfo?> IApiTokenGrain.GetInfo() => Task.FromResult(state.State.Exists ? ToInfo() : null);

    async Task<ApiTokenUse> IApiTokenGrain.Use(bool touch)
    {
        if (!state.State.Exists)
        {
            return new ApiTokenUse(ApiTokenUseError.UnknownToken);
        }

        var table = await BaseStateAsync();
        if (table is null)
        {
            return new ApiTokenUse(ApiTokenUseError.UnknownToken);
        }

        if (!table.Active)
        {
            return new ApiTokenUse(ApiTokenUseError.BaseNotActive, ToInfo(), table.Name, table.WorkspaceId);
        }

        if (touch)
        {
            _pendingLastAccess = clock.GetUtcNow();
            EnsureFlushTimer();
        }

        return new ApiTokenUse(ApiTokenUseError.None, ToInfo(), table.Name, table.WorkspaceId, table.OwnerId, table.OrgId);
    }

    Task IApiTokenGrain.SetBaseState(ApiTokenBaseState baseState)
    {
        _base = (baseState, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    async Task IApiTokenGrain.SetPermission(string permission)
    {
        if (state.State.Exists && state.State.Permission != permission)
        {
            state.State.Permission = permission;
            state.State.Version++;
            ApplyPendingLastAccess();
            await state.WriteStateAsync();
        }
    }

    async Task IApiTokenGrain.SetRequestsPerMinute(int? requestsPerMinute)
    {
        if (state.State.Exists && state.State.RequestsPerMinute != requestsPerMinute)
        {
            state.State.RequestsPerMinute = requestsPerMinute;
            ApplyPendingLastAccess();
            await state.WriteStateAsync();
        }
    }

    Task IApiTokenGrain.RecordUsage(ApiTokenUsageDelta delta)
    {
        if (state.State.Exists)
        {
            _pendingUsage = (_pendingUsage ?? ApiTokenUsage.Empty).Add(delta);
            EnsureFlushTimer();
        }

        return Task.CompletedTask;
    }

    async Task IApiTokenGrain.RecordUsageNow(ApiTokenUsageDelta delta)
    {
        await ((IApiTokenGrain)this).RecordUsage(delta);
        await FlushLastAccess();
    }

    async Task IApiTokenGrain.Delete()
    {
        _pendingLastAccess = null;
        _pendingUsage = null;
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }

    /// <summary>The base's state: as last pushed by the base, or fetched from it when unknown or old.</summary>
    private async Task<ApiTokenBaseState?> BaseStateAsync()
    {
        if (_base is { } cached && clock.GetUtcNow() - cached.At < BaseStateLifetime)
        {
            return cached.State;
        }

        // A call back into the base grain, which calls this one (Initialize, GetInfo, SetPermission) and may be
        // waiting on it right now: its GetInfo is [AlwaysInterleave] and read-only, so it answers even then.
        var table = await GrainFactory.GetGrain<IDTableGrain>(state.State.DTableUuid).GetInfo();
        var fetched = table is null ? null : new ApiTokenBaseState(table.Name, table.WorkspaceId, table.OwnerId, table.OrgId, !table.Deleted);
        _base = (fetched, clock.GetUtcNow());
        return fetched;
    }

    private void EnsureFlushTimer() =>
        _flushTimer ??= this.RegisterGrainTimer(_ => FlushLastAccess(), new GrainTimerCreationOptions
        {
            DueTime = options.Value.LastAccessFlushInterval,
            Period = options.Value.LastAccessFlushInterval,
        });

    /// <summary>Writes last_access and usage gathered since the last write, if any (timer and deactivation).</summary>
    private async Task FlushLastAccess()
    {
        if ((_pendingLastAccess is null && _pendingUsage is null) || !state.State.Exists)
        {
            return;
        }

        ApplyPendingLastAccess();
        await state.WriteStateAsync();
    }

    private void ApplyPendingLastAccess()
    {
        if (_pendingLastAccess is { } at && at > state.State.LastAccess)
        {
            state.State.LastAccess = at;
        }

        _pendingLastAccess = null;
        if (_pendingUsage is { } usage)
        {
            state.State.Usage = MergeUsage(state.State.Usage ?? ApiTokenUsage.Empty, usage);
            _pendingUsage = null;
        }
    }

    private static ApiTokenUsage MergeUsage(ApiTokenUsage stored, ApiTokenUsage pending) => stored.Merge(pending);

    private ApiTokenInfo ToInfo() => new(
        state.State.DTableUuid, state.State.AppName, state.State.Permission, state.State.GeneratedBy, state.State.GeneratedAt,
        _pendingLastAccess is { } pending && pending > state.State.LastAccess ? pending : state.State.LastAccess,
        state.State.Version,
        state.State.RequestsPerMinute,
        _pendingUsage is { } usage ? MergeUsage(state.State.Usage ?? ApiTokenUsage.Empty, usage) : state.State.Usage);
}
