using Orleans.Concurrency;

namespace SeaTable.Grains.ApiTokens;

/// <summary>
/// One API token of a base (key: SHA-256 of the token, so storage never holds a usable token). It answers
/// the token exchanges and keeps last_access in memory, flushed by a timer rather than per request.
/// </summary>
[Alias("seatable.IApiTokenGrain")]
public interface IApiTokenGrain : IGrainWithStringKey
{
    /// <summary>Records the token; repeating it with the same record changes nothing.</summary>
    [Alias("Initialize")]
    Task Initialize(ApiTokenRecord record);

    [Alias("GetInfo")]
    [AlwaysInterleave]
    Task<ApiTokenInfo?> GetInfo();

    /// <summary>
    /// The token's grant for an app call (E5, E6), or why there is none. <paramref name="touch"/> moves
    /// last_access to now (in memory; written within a few seconds).
    /// </summary>
    [Alias("Use")]
    Task<ApiTokenUse> Use(bool touch);

    /// <summary>Changes the permission and raises the token version (JWTs carry it for revocation).</summary>
    [Alias("SetPermission")]
    Task SetPermission(string permission);

    [Alias("Delete")]
    Task Delete();

    /// <summary>The owner's override of the requests-per-minute limit; null for the server's default.</summary>
    [Alias("SetRequestsPerMinute")]
    Task SetRequestsPerMinute(int? requestsPerMinute);

    /// <summary>A silo's report of the token's use since its last one; kept in memory and written behind.</summary>
    [Alias("RecordUsage")]
    Task RecordUsage(ApiTokenUsageDelta delta);

    /// <summary>The last report of a silo that is stopping: written before the call returns, not behind.</summary>
    [Alias("RecordUsageNow")]
    Task RecordUsageNow(ApiTokenUsageDelta delta);

    /// <summary>The base tells its tokens about a rename, trash or restore, so exchanges need not ask it.</summary>
    [Alias("SetBaseState")]
    Task SetBaseState(ApiTokenBaseState baseState);
}

/// <summary>What an exchange needs to know of the token's base.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiTokenBaseState(string Name, long WorkspaceId, string OwnerId, long OrgId, bool Active);

/// <summary>What the base grain knows of a token and hands to its grain (enough to rebuild it).</summary>
[GenerateSerializer, Immutable]
public sealed record ApiTokenRecord(
    Guid DTableUuid,
    string AppName,
    string Permission,
    string GeneratedBy,
    DateTimeOffset GeneratedAt);

[GenerateSerializer, Immutable]
public sealed record ApiTokenInfo(
    Guid DTableUuid,
    string AppName,
    string Permission,
    string GeneratedBy,
    DateTimeOffset GeneratedAt,
    DateTimeOffset LastAccess,
    int Version,
    int? RequestsPerMinute = null,
    ApiTokenUsage? Usage = null);

[GenerateSerializer]
public enum ApiTokenUseError
{
    None,
    /// <summary>No such token (never created, deleted, or its base purged).</summary>
    UnknownToken,
    /// <summary>The token exists but its base is in the trash: it works again once the base is restored.</summary>
    BaseNotActive,
}

[GenerateSerializer, Immutable]
public sealed record ApiTokenUse(ApiTokenUseError Error, ApiTokenInfo? Token = null, string? BaseName = null, long WorkspaceId = 0,
    string? OwnerId = null, long OrgId = -1);
