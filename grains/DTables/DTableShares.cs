using SeaTable.Grains.Accounts;
using SeaTable.Grains.Common;

namespace SeaTable.Grains.DTables;

/// <summary>
/// Who may use a base besides its owner: the shares kept in the base's state, and the accounts' lists of
/// bases shared with them. The base grain checks the caller and answers; this class keeps the rules of the
/// shares and writes the state it was handed (the grain is still its only writer, one call at a time).
/// </summary>
internal sealed class DTableShares(IPersistentState<DTableState> state, IGrainFactory grains, Guid uuid)
{
    private DTableState S => state.State;

    public IReadOnlyList<DTableShare> List() => [.. S.Shares.Select(s => new DTableShare(s.Key, s.Value))];

    /// <summary>What the user may do with the live base; <see cref="AccessLevel.None"/> once it is not live.</summary>
    public AccessLevel AccessOf(string userId)
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

    public async Task<DTableError> Add(string targetUserId, string permission)
    {
        if (targetUserId == S.OwnerId)
        {
            return DTableError.ShareWithOwner;
        }

        if (S.Shares.TryGetValue(targetUserId, out var existing))
        {
            // Only the owner shares (the base grain checks it), so the same share again is the owner's retry of
            // this create: answered as the first call was, and the account's list is repaired in case the first
            // call stopped before it. Another permission is a different request: still "already shared".
            if (existing != permission)
            {
                return DTableError.AlreadyShared;
            }

            await TellAccountAsync(targetUserId, shared: true);
            return DTableError.None;
        }

        // The base records the share first, with the intent to tell the account (its list is a listing aid).
        S.Shares[targetUserId] = permission;
        S.ShareListSync[targetUserId] = true;
        await state.WriteStateAsync();
        await TellAccountAsync(targetUserId, shared: true);
        return DTableError.None;
    }

    public async Task<DTableError> Update(string targetUserId, string permission)
    {
        if (!S.Shares.ContainsKey(targetUserId))
        {
            return DTableError.NotShared;
        }

        S.Shares[targetUserId] = permission;
        await state.WriteStateAsync();
        return DTableError.None;
    }

    public async Task<DTableError> Remove(string targetUserId)
    {
        if (!S.Shares.Remove(targetUserId))
        {
            return DTableError.NotShared;
        }

        S.ShareListSync[targetUserId] = false;
        await state.WriteStateAsync();
        await TellAccountAsync(targetUserId, shared: false);
        return DTableError.None;
    }

    /// <summary>Whether an account's list still has to learn of a share or an unshare (an interrupted step).</summary>
    public bool NeedsAccountSync => S.ShareListSync.Count > 0;

    /// <summary>Tells every account whose list missed a share or an unshare; the healing step of both.</summary>
    public async Task SyncAccountLists()
    {
        foreach (var (userId, shared) in S.ShareListSync.ToList())
        {
            await TellAccountAsync(userId, shared);
        }
    }

    private async Task TellAccountAsync(string userId, bool shared)
    {
        var account = grains.GetGrain<IAccountGrain>(userId);
        await (shared ? account.AddSharedBase(uuid) : account.RemoveSharedBase(uuid));
        if (S.ShareListSync.Remove(userId))
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>Takes the base off every account it was shared with (purge); idempotent, the state is left as it is.</summary>
    public async Task ForgetAll()
    {
        foreach (var userId in S.Shares.Keys.Concat(S.ShareListSync.Keys).Distinct().ToList())
        {
            await grains.GetGrain<IAccountGrain>(userId).RemoveSharedBase(uuid);
        }
    }
}
