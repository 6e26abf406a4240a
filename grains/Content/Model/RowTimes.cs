using System.Globalization;
using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>Row times: ISO 8601 with milliseconds and "+00:00", as dtable-server writes _ctime and _mtime.</summary>
internal static class RowTimes
{
    public static string Format(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Writes a time as <see cref="Format"/> does, formatted straight into UTF-8 (no string per row).</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long unixMilliseconds)
    {
        Span<byte> text = stackalloc byte[40];
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }

    /// <summary>A time from a JSON string: ISO 8601 read in place, anything else DateTimeOffset accepts through a string.</summary>
    public static long? Parse(JsonElement value) =>
        value.ValueKind != JsonValueKind.String ? null
        : value.TryGetDateTimeOffset(out var time) ? time.ToUnixTimeMilliseconds()
        : Parse(value.GetString());

    public static long? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;
}
