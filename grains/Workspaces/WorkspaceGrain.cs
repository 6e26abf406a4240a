using SeaTable.Grains.Common;

namespace SeaTable.Grains.Workspaces;

[GenerateSerializer]
public sealed class WorkspaceState
{
    [Id(0)] public string? OwnerId { get; set; }
    [Id(1)] public long OrgId { get; set; } = -1;
    /// <summary>Live base name -> base uuid. Names compare case-insensitively.</summary>
    [Id(2)] public Dictionary<string, Guid> Live { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    [Id(3)] public HashSet<Guid> Trashed { get; set; } = [];
}

public sealed class WorkspaceGrain(
    [PersistentState("workspace", StorageNames.Main)] IPersistentState<WorkspaceState> state) : Grain, IWorkspaceGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The storage serializer does not keep the dictionary's comparer: restore case-insensitive lookups.
        if (state.State.Live.Comparer != StringComparer.OrdinalIgnoreCase)
        {
            state.State.Live = new Dictionary<string, Guid>(state.State.Live, StringComparer.OrdinalIgnoreCase);
        }

        return Task.CompletedTask;
    }

    async Task IWorkspaceGrain.Initialize(string ownerId, long orgId)
    {
        if (state.State.OwnerId != ownerId || state.State.OrgId != orgId)
        {
            state.State.OwnerId = ownerId;
            state.State.OrgId = orgId;
            await state.WriteStateAsync();
        }
    }

    Task<WorkspaceInfo?> IWorkspaceGrain.GetInfo() =>
        Task.FromResult(state.State.OwnerId is { } owner ? new WorkspaceInfo(this.GetPrimaryKeyLong(), owner, state.State.OrgId) : null);

    Task<Guid?> IWorkspaceGrain.Resolve(string name) =>
        Task.FromResult(state.State.Live.TryGetValue(name, out var uuid) ? uuid : (Guid?)null);

    async Task<bool> IWorkspaceGrain.TryAddBase(string name, Guid dtableUuid)
    {
        if (state.State.Live.TryGetValue(name, out var holder))
        {
            return holder == dtableUuid;
        }

        state.State.Live[name] = dtableUuid;
        await state.WriteStateAsync();
        return true;
    }

    async Task<bool> IWorkspaceGrain.TryRenameBase(string oldName, string newName, Guid dtableUuid)
    {
        if (state.State.Live.TryGetValue(newName, out var holder) && holder != dtableUuid)
        {
            return false;
        }

        RemoveLive(dtableUuid);
        state.State.Live[newName] = dtableUuid;
        await state.WriteStateAsync();
        return true;
    }

    async Task IWorkspaceGrain.MoveToTrash(Guid dtableUuid)
    {
        var changed = RemoveLive(dtableUuid) | state.State.Trashed.Add(dtableUuid);
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    async Task<bool> IWorkspaceGrain.TryRestore(string name, Guid dtableUuid)
    {
        if (state.State.Live.TryGetValue(name, out var holder))
        {
            return holder == dtableUuid;
        }

        state.State.Trashed.Remove(dtableUuid);
        state.State.Live[name] = dtableUuid;
        await state.WriteStateAsync();
        return true;
    }

    async Task IWorkspaceGrain.RemoveBase(Guid dtableUuid)
    {
        var changed = RemoveLive(dtableUuid) | state.State.Trashed.Remove(dtableUuid);
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<WorkspaceEntry>> IWorkspaceGrain.ListLive() =>
        Task.FromResult<IReadOnlyList<WorkspaceEntry>>([.. state.State.Live.Select(e => new WorkspaceEntry(e.Key, e.Value))]);

    Task<IReadOnlyList<Guid>> IWorkspaceGrain.ListTrashed() =>
        Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Trashed]);

    private bool RemoveLive(Guid dtableUuid)
    {
        var names = state.State.Live.Where(e => e.Value == dtableUuid).Select(e => e.Key).ToList();
        foreach (var name in names)
        {
            state.State.Live.Remove(name);
        }

        return names.Count > 0;
    }
}
