using System.Globalization;

namespace SeaTable.Api.Infrastructure;

/// <summary>dtable-web's time format: ISO 8601, seconds precision, UTC offset "+00:00".</summary>
public static class IsoTime
{
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;
}
