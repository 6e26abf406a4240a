using System.Security.Cryptography;

namespace SeaTable.Grains.Content.Model;

/// <summary>SeaTable's ids: rows 22 characters of URL-safe base64, tables, columns and links 4 alphanumerics.</summary>
internal static class RowIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>16 random bytes as URL-safe base64 without padding (reference 1.5).</summary>
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A 4-character id not in use yet ("0000" first, as SeaTable numbers the first table, column, view).</summary>
    public static string NewShort(Func<string, bool> taken)
    {
        if (!taken("0000"))
        {
            return "0000";
        }

        while (true)
        {
            var id = RandomNumberGenerator.GetString(Alphanumerics, 4);
            if (!taken(id))
            {
                return id;
            }
        }
    }

    /// <summary>A select option id: six digits, as SeaTable's look ("140009").</summary>
    public static string NewOptionId(Func<string, bool> taken)
    {
        while (true)
        {
            var id = RandomNumberGenerator.GetInt32(100000, 1000000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken(id))
            {
                return id;
            }
        }
    }
}
