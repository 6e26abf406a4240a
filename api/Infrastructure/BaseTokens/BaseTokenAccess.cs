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
public sealed class BaseTokenAccess(GrainReferences grains, IMemoryCache cache, IOptions<BaseTokenOptions> options)
{
    private const string Revoked = "";

    /// <summary>What the token still grants: "rw", "r", or null when it no longer grants anything.</summary>
    public async Task<string?> CurrentPermissionAsync(ValidatedBaseToken token) => (await CurrentAsync(token)).Permission;

    /// <summary>What the token still grants (null: nothing) and its API token's requests-per-minute override.</summary>
    public async Task<(string? Permission, int? RequestsPerMinute)> CurrentAsync(ValidatedBaseToken token)
    {
        var key = token.TokenId is { } tokenId
            ? $"base-token:{tokenId}:{token.TokenVersion}"
            : $"base-user:{token.DTableUuid:N}:{token.Username}";
        if (!cache.TryGetValue(key, out Standing? standing) || standing is null)
        {
            standing = await LookUpAsync(token);
            cache.Set(key, standing, options.Value.RevocationCheckInterval);
        }

        if (standing.Permission == Revoked)
        {
            return (null, null);
        }

        // A token never grants more than it says, nor more than its source grants now.
        return (standing.Permission == SharePermission.ReadWrite && token.Permission == SharePermission.ReadWrite ? SharePermission.ReadWrite : SharePermission.Read,
            standing.RequestsPerMinute);
    }

    private async Task<Standing> LookUpAsync(ValidatedBaseToken token)
    {
        if (token.TokenId is { } tokenId)
        {
            var use = await grains.GetGrain<IApiTokenGrain>(tokenId).Use(touch: false);
            return use.Error == ApiTokenUseError.None && use.Token is { } info && info.Version == token.TokenVersion && info.DTableUuid == token.DTableUuid
                ? new Standing(info.Permission, info.RequestsPerMinute)
                : new Standing(Revoked, null);
        }

        if (token.AppName is not null || token.Username.Length == 0)
        {
            // An app token without its API token's id is not one this server issued.
            return new Standing(Revoked, null);
        }

        return new Standing(await grains.GetGrain<IDTableGrain>(token.DTableUuid).GetAccess(token.Username) switch
        {
            AccessLevel.None => Revoked,
            AccessLevel.Read => SharePermission.Read,
            _ => SharePermission.ReadWrite,
        }, null);
    }

    /// <summary>What a lookup found, kept for the revocation interval.</summary>
    private sealed record Standing(string Permission, int? RequestsPerMinute);
}
