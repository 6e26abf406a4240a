using SeaTable.Grains.ApiTokens;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>
/// The token object of dtable-web (reference §2): generated_by is the raw user id. Beyond SeaTable, and
/// ignored by its clients: the token's own rate limit (null: the server's default) and its usage record.
/// </summary>
public static class ApiTokenJson
{
    public static Dictionary<string, object?> From(ApiTokenView token) => new()
    {
        ["app_name"] = token.AppName,
        ["api_token"] = token.Token,
        ["generated_by"] = token.GeneratedBy,
        ["generated_at"] = IsoTime.Format(token.GeneratedAt),
        ["last_access"] = IsoTime.Format(token.LastAccess),
        ["permission"] = token.Permission,
        ["requests_per_minute"] = token.RequestsPerMinute,
        ["usage"] = UsageJson(token.Usage ?? ApiTokenUsage.Empty),
    };

    private static Dictionary<string, object?> UsageJson(ApiTokenUsage usage) => new()
    {
        ["jwts_issued"] = usage.JwtsIssued,
        ["requests"] = usage.Requests,
        ["last_client_address"] = usage.LastClientAddress,
        ["last_user_agent"] = usage.LastUserAgent,
        ["first_seen"] = usage.FirstSeen is { } first ? IsoTime.Format(first) : null,
        ["last_seen"] = usage.LastSeen is { } last ? IsoTime.Format(last) : null,
    };
}
