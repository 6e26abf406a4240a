namespace SeaTable.Grains.ApiTokens;

/// <summary>A token as the token API shows it (reference E1-E3).</summary>
[GenerateSerializer, Immutable]
public sealed record ApiTokenView(
    string AppName,
    string Token,
    string GeneratedBy,
    DateTimeOffset GeneratedAt,
    DateTimeOffset LastAccess,
    string Permission,
    int? RequestsPerMinute = null,
    ApiTokenUsage? Usage = null);

[GenerateSerializer]
public enum ApiTokenError
{
    None,
    NotFound,
    PermissionDenied,
    AppNameTaken,
    TokenNotFound,
    SamePermission,
}

[GenerateSerializer, Immutable]
public sealed record ApiTokenResult(ApiTokenError Error, ApiTokenView? Token = null, IReadOnlyList<ApiTokenView>? Tokens = null);
