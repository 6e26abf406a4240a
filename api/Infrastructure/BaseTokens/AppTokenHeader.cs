using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>
/// The app endpoints (E5-E7) read "Authorization: Token|Bearer &lt;api token&gt;" themselves, without the
/// account authentication: a missing or malformed header is answered 403 "Permission denied.".
/// </summary>
public static class AppTokenHeader
{
    public static string? Read(HttpRequest request)
    {
        var parts = request.Headers.Authorization.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && (parts[0].Equals("token", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase))
            ? parts[1]
            : null;
    }

    /// <summary>The public base address ending in '/': configured, or the scheme and host of the request.</summary>
    public static string PublicBase(HttpRequest request, PublicUrlOptions options) =>
        (string.IsNullOrWhiteSpace(options.PublicUrl) ? $"{request.Scheme}://{request.Host}" : options.PublicUrl.Trim()).TrimEnd('/') + "/";
}
