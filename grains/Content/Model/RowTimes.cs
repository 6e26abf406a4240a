using System.Globalization;

namespace SeaTable.Grains.Content.Model;

/// <summary>Row times: ISO 8601 with milliseconds and "+00:00", as dtable-server writes _ctime and _mtime.</summary>
internal static class RowTimes
{
    public static string Format(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    public static long? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;
}
