using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SeaTable.Api.Infrastructure.WriteOutcomes;

/// <summary>
/// The optional header that makes a row write safe to retry (beyond SeaTable): 1 to 255 printable ASCII
/// characters. The same key again on the same base within 24 h answers the first reply without writing.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 255;

    public const string Invalid = "Idempotency-Key must be 1 to 255 printable ASCII characters.";

    /// <summary>The key, or null when the header is repeated, empty, too long or not printable ASCII.</summary>
    public static string? Validate(StringValues values)
    {
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxLength } key)
        {
            return null;
        }

        return key.All(c => c is >= ' ' and <= '~') ? key : null;
    }

    /// <summary>What makes two requests the same: method, path, query and the body's fields (SHA-256, hex).</summary>
    public static string Fingerprint(HttpContext context)
    {
        var request = context.Request;
        var text = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(request.Path.Value).Append('\n')
            .Append(request.QueryString.Value).Append('\n')
            .Append(context.Features.Get<RequestFields>()?.Canonical());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
