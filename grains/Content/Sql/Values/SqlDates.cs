using System.Globalization;

namespace SeaTable.Grains.Content.Sql.Values;

/// <summary>Dates read from cells and texts: "yyyy-MM-dd", "yyyy-MM-dd HH:mm[:ss]", ISO 8601 with or without an offset (taken as UTC without).</summary>
internal static class SqlDates
{
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d"];

    public static SqlValue? Parse(SqlValue value) => value.Kind switch
    {
        SqlKind.Date => value,
        SqlKind.Text => Parse(value.Text!),
        _ => null,
    };

    public static SqlValue? Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return SqlValue.FromDate(DateTime.SpecifyKind(day, DateTimeKind.Utc), hasTime: false);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? SqlValue.FromDate(time.UtcDateTime, hasTime: true)
            : null;
    }
}
