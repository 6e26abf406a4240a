using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>
/// Revocation beyond SeaTable: a valid signature is not enough. An app's base token is checked against its
/// API token (still there, same version, base not trashed); a user's against the user's access to the base.
/// Each answer is kept for <see cref="BaseTokenOptions.RevocationCheckInterval"/> per silo, so a deleted or
/// lowered token, a removed share or a trashed base stops working within that time.
/// </summary>
public sealed class BaseTokenAccess(IGrainFactory grains, IMemoryCache cache, IOptions<BaseTokenOptions> options)
{
    private const string Revoked = "";

    /// <summary>What the token still grants: "rw", "r", or null when it no longer grants anything.</summary>
    public async Task<string?> CurrentPermissionAsync(ValidatedBaseToken token)
    {
        var key = token.TokenId is { } tokenId
            ? $"base-token:{tokenId}:{token.TokenVersion}"
            : $"base-user:{token.DTableUuid:N}:{token.Username}";
        if (!cache.TryGetValue(key, out string? current) || current is null)
        {
            current = await LookUpAsync(token);
            cache.Set(key, current, options.Value.RevocationCheckInterval);
        }

        if (current == Revoked)
        {
            return null;
        }

        // A token never grants more than it says, nor more than its source grants now.
        return current == SharePermission.ReadWrite && token.Permission == SharePermission.ReadWrite ? SharePermission.ReadWrite : SharePermission.Read;
    }

    private async Task<string> LookUpAsync(ValidatedBaseToken token)
    {
        if (token.TokenId is { } tokenId)
        {
            var use = await grains.GetGrain<IApiTokenGrain>(tokenId).Use(touch: false);
            return use.Error == ApiTokenUseError.None && use.Token is { } info && info.Version == token.TokenVersion && info.DTableUuid == token.DTableUuid
                ? info.Permission
                : Revoked;
        }

        if (token.AppName is not null || token.Username.Length == 0)
        {
            // An app token without its API token's id is not one this server issued.
            return Revoked;
        }

        return await grains.GetGrain<IDTableGrain>(token.DTableUuid).GetAccess(token.Username) switch
        {
            AccessLevel.None => Revoked,
            AccessLevel.Read => SharePermission.Read,
            _ => SharePermission.ReadWrite,
        };
    }
}
