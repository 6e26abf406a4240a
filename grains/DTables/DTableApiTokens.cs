using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Common;

namespace SeaTable.Grains.DTables;

/// <summary>
/// The registry of a base's API tokens: one entry per app in the base's state (the token kept encrypted, so the
/// owner's list can show it again), and one token grain per token that answers the exchanges. The base grain
/// checks the caller; this class keeps the registry and its token grains in step, writing the state it was
/// handed (the grain is still its only writer, one call at a time).
/// </summary>
internal sealed class DTableApiTokens(
    IPersistentState<DTableState> state, IGrainFactory grains, IDataProtector protector, TimeProvider clock, Guid uuid)
{
    private DTableState S => state.State;

    public async Task<ApiTokenResult> Create(string callerId, string appName, string permission)
    {
        if (S.ApiTokens.TryGetValue(AppNames.Key(appName), out var existing))
        {
            // A retry of this very create (the first answer was lost) finds its own token: same caller, same
            // spelling, same permission. It is answered as the first call was, and the token grain is recreated
            // if the first call stopped before it.
            if (existing.GeneratedBy == callerId && existing.AppName == appName && existing.Permission == permission)
            {
                return new ApiTokenResult(ApiTokenError.None, ToView(existing, await InfoOf(existing)));
            }

            return new ApiTokenResult(ApiTokenError.AppNameTaken);
        }

        var token = Secrets.NewToken();
        var entry = new ApiTokenEntry
        {
            AppName = appName,
            TokenHash = Secrets.HashToken(token),
            ProtectedToken = protector.Protect(token),
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

    public async Task<ApiTokenResult> List()
    {
        var views = new List<ApiTokenView>();
        foreach (var entry in S.ApiTokens.Values.OrderBy(e => e.GeneratedAt))
        {
            views.Add(ToView(entry, await InfoOf(entry)));
        }

        return new ApiTokenResult(ApiTokenError.None, Tokens: views);
    }

    /// <summary>App names and last access, without the tokens: only the owner's list reveals them.</summary>
    public async Task<ApiTokenResult> ListStatus()
    {
        var views = new List<ApiTokenView>();
        foreach (var entry in S.ApiTokens.Values.OrderBy(e => e.GeneratedAt))
        {
            var lastAccess = (await InfoOf(entry))?.LastAccess ?? entry.GeneratedAt;
            views.Add(new ApiTokenView(entry.AppName, "", entry.GeneratedBy, entry.GeneratedAt, lastAccess, entry.Permission));
        }

        return new ApiTokenResult(ApiTokenError.None, Tokens: views);
    }

    public async Task<ApiTokenResult> Update(string appName, string permission)
    {
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

    public async Task<ApiTokenResult> SetRateLimit(string appName, int? requestsPerMinute)
    {
        if (!S.ApiTokens.TryGetValue(AppNames.Key(appName), out var entry))
        {
            return new ApiTokenResult(ApiTokenError.TokenNotFound);
        }

        // Recreates the token grain first if a crash lost it, so the limit is not set on an empty grain.
        await InfoOf(entry);
        await TokenGrain(entry).SetRequestsPerMinute(requestsPerMinute);
        return new ApiTokenResult(ApiTokenError.None, ToView(entry, await InfoOf(entry)));
    }

    public async Task<ApiTokenResult> Delete(string appName)
    {
        if (!S.ApiTokens.Remove(AppNames.Key(appName), out var entry))
        {
            return new ApiTokenResult(ApiTokenError.TokenNotFound);
        }

        await state.WriteStateAsync();
        await TokenGrain(entry).Delete();
        return new ApiTokenResult(ApiTokenError.None);
    }

    /// <summary>Deletes every token grain (purge); idempotent, the state is left as it is.</summary>
    public async Task DeleteAll()
    {
        foreach (var entry in S.ApiTokens.Values)
        {
            await TokenGrain(entry).Delete();
        }
    }

    /// <summary>Pushes the base's state to its tokens, so a rename, trash or restore takes effect on the next exchange.</summary>
    /// <summary>
    /// Set while the base grain heals an interrupted change from inside an interleaved call: a token grain may be
    /// the caller, waiting on the base, so the notifications are sent without waiting for them.
    /// </summary>
    public bool NotifyWithoutWaiting { get; set; }

    public Task Notify()
    {
        var baseState = new ApiTokenBaseState(S.Name, S.WorkspaceId, S.OwnerId, S.OrgId, S.Status == DTableStatus.Active);
        var all = Task.WhenAll(S.ApiTokens.Values.Select(entry => TokenGrain(entry).SetBaseState(baseState)));
        if (!NotifyWithoutWaiting)
        {
            return all;
        }

        all.Ignore();
        return Task.CompletedTask;
    }

    private IApiTokenGrain TokenGrain(ApiTokenEntry entry) => grains.GetGrain<IApiTokenGrain>(entry.TokenHash);

    private ApiTokenRecord ToRecord(ApiTokenEntry entry) =>
        new(uuid, entry.AppName, entry.Permission, entry.GeneratedBy, entry.GeneratedAt);

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
            token = protector.Unprotect(entry.ProtectedToken);
        }
        catch (CryptographicException)
        {
            // The Data Protection keys were lost: the token still works, but cannot be shown again.
            token = "";
        }

        return new ApiTokenView(entry.AppName, token, entry.GeneratedBy, entry.GeneratedAt, lastAccess, entry.Permission);
    }
}
