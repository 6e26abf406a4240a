using SeaTable.Grains.ApiTokens;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>The token object of dtable-web (reference §2): generated_by is the raw user id.</summary>
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
    };
}
