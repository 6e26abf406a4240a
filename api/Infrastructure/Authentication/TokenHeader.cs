using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>"Authorization: Token|Bearer &lt;credential&gt;", as SeaTable's clients send every token kind.</summary>
public static class TokenHeader
{
    /// <summary>The credential, or null when the header is absent or not of that form.</summary>
    public static string? Read(HttpRequest request)
    {
        var parts = request.Headers.Authorization.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && (parts[0].Equals("token", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase))
            ? parts[1]
            : null;
    }
}
