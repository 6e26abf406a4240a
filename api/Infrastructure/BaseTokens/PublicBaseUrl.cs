using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.BaseTokens;

/// <summary>The address clients reach this server at, for the links and servers the API hands out.</summary>
public static class PublicBaseUrl
{
    /// <summary>The public base address ending in '/': configured, or the scheme and host of the request.</summary>
    public static string Of(HttpRequest request, PublicUrlOptions options) =>
        (string.IsNullOrWhiteSpace(options.PublicUrl) ? $"{request.Scheme}://{request.Host}" : options.PublicUrl.Trim()).TrimEnd('/') + "/";
}
