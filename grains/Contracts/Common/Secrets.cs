using System.Security.Cryptography;
using System.Text;

namespace SeaTable.Grains.Common;

/// <summary>Random tokens and their one-way keys.</summary>
public static class Secrets
{
    /// <summary>A 40-hex token (160 random bits), the shape SeaTable uses for login and API tokens.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>
    /// Grains that are looked up by a token are keyed by this hash, so a dump of the grain storage never
    /// contains a usable token.
    /// </summary>
    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
