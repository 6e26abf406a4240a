using System.Security.Cryptography;

namespace SeaTable.Grains.Common;

/// <summary>
/// SeaTable identifies users by a virtual id "&lt;32 hex&gt;@auth.local"; the real address is only the
/// contact email used to log in.
/// </summary>
public static class UserIds
{
    public const string Suffix = "@auth.local";

    public static string NewVirtualId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + Suffix;

    public static bool IsVirtualId(string value) =>
        value.Length == 32 + Suffix.Length
        && value.EndsWith(Suffix, StringComparison.Ordinal)
        && value.AsSpan(0, 32).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>Contact emails are matched case-insensitively, as SeaTable's login does.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
