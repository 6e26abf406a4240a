using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// Turns a value sent for a column into what the row stores, by the column's type: select options are
/// stored by id (an unknown option name creates the option, as SeaTable does), dates normalized, numbers
/// parsed. A value that cannot be of the column's type is refused rather than stored as something else.
/// </summary>
internal sealed class CellConverter
{
    private static readonly string[] OptionColors = ["#FFFCB5", "#FFEAB6", "#FFD9C8", "#FFDDE5", "#EFE8FF", "#E6F7FF", "#D7F1FF", "#D2FCF0", "#D6F5D6", "#E9E9E9"];
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy/MM/dd", "yyyy/MM/dd HH:mm", "yyyy-M-d", "yyyy-M-d H:mm",
    ];

    private readonly Dictionary<ContentColumn, List<JsonObject>> _newOptions = [];

    /// <summary>The options this command creates, per column, to be recorded before its rows.</summary>
    public IReadOnlyDictionary<ContentColumn, List<JsonObject>> NewOptions => _newOptions;

    /// <summary>false with an error message when the value does not fit; value null clears the cell.</summary>
    public bool TryConvert(ContentColumn column, JsonElement value, out byte[]? raw, out string? error)
    {
        raw = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        switch (column.Type)
        {
            case ColumnTypes.Text or "email" or "url":
                raw = value.ValueKind switch
                {
                    JsonValueKind.String => Raw(value),
                    JsonValueKind.Number => JsonSerializer.SerializeToUtf8Bytes(value.GetRawText()),
                    JsonValueKind.True or JsonValueKind.False => JsonSerializer.SerializeToUtf8Bytes(value.GetBoolean() ? "true" : "false"),
                    _ => null,
                };
                break;
            case ColumnTypes.LongText:
                raw = value.ValueKind == JsonValueKind.String
                      || (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    ? Raw(value)
                    : null;
                break;
            case "duration" when value.ValueKind == JsonValueKind.String && value.GetString()!.Contains(':', StringComparison.Ordinal):
                raw = ParseDuration(value.GetString()!) is { } seconds ? JsonSerializer.SerializeToUtf8Bytes(seconds) : null;
                break;
            case "rate":
                // Whole stars from 0 to the column's rate_max_number (SeaTable's default maximum is 5).
                var max = ColumnDefinitions.Number(column.Data?["rate_max_number"]) ?? 5;
                raw = value.ValueKind == JsonValueKind.Number && value.GetDouble() is var stars && stars == Math.Floor(stars) && stars >= 0 && stars <= max
                    ? Raw(value) : null;
                break;
            case ColumnTypes.Number or "duration":
                if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0)
                {
                    return true;
                }

                raw = value.ValueKind == JsonValueKind.Number ? Raw(value)
                    : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                      && double.IsFinite(number) ? JsonSerializer.SerializeToUtf8Bytes(number)
                    : null;
                break;
            case ColumnTypes.Checkbox:
                raw = value.ValueKind switch
                {
                    JsonValueKind.True or JsonValueKind.False => Raw(value),
                    JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => JsonSerializer.SerializeToUtf8Bytes(flag),
                    _ => null,
                };
                break;
            case ColumnTypes.Date:
                if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0)
                {
                    return true;
                }

                raw = value.ValueKind == JsonValueKind.String && NormalizeDate(value.GetString()!) is { } date ? JsonSerializer.SerializeToUtf8Bytes(date) : null;
                break;
            case ColumnTypes.SingleSelect:
                if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    var name = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    if (name.Length == 0)
                    {
                        return true;
                    }

                    raw = JsonSerializer.SerializeToUtf8Bytes(OptionId(column, name));
                }

                break;
            case ColumnTypes.MultipleSelect:
                raw = ConvertMany(value, name => OptionId(column, name));
                break;
            case "collaborator" or "image":
                raw = ConvertMany(value, name => name);
                break;
            case "file":
                raw = value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(f => f.ValueKind == JsonValueKind.Object) ? Raw(value) : null;
                break;
            case "geolocation":
                // In the lng_lat format (the default) a location is both coordinates; the other formats hold address parts.
                var lngLat = column.Data?["geo_format"] is not JsonValue g || !g.TryGetValue<string>(out var geoFormat) || geoFormat == "lng_lat";
                raw = value.ValueKind == JsonValueKind.Object
                      && (!lngLat || (Coordinate(value, "lng", 180) && Coordinate(value, "lat", 90))) ? Raw(value) : null;
                break;
            default:
                raw = Raw(value);
                break;
        }

        if (raw is null)
        {
            error = $"Value {Shorten(value.GetRawText())} is invalid for column {column.Name} of type {column.Type}.";
            return false;
        }

        return true;
    }

    /// <summary>The id of the option named so (or with that id), created when the column has none.</summary>
    private string OptionId(ContentColumn column, string name)
    {
        var existing = column.Options.OfType<JsonObject>().Concat(_newOptions.GetValueOrDefault(column) ?? [])
            .FirstOrDefault(o => Text(o, "name") == name) ?? column.Options.OfType<JsonObject>().FirstOrDefault(o => Text(o, "id") == name);
        if (existing is not null)
        {
            return Text(existing, "id") ?? name;
        }

        if (!_newOptions.TryGetValue(column, out var added))
        {
            added = [];
            _newOptions[column] = added;
        }

        var taken = column.Options.OfType<JsonObject>().Concat(added).Select(o => Text(o, "id")).ToHashSet(StringComparer.Ordinal);
        var id = RowIds.NewOptionId(taken.Contains);
        added.Add(new JsonObject
        {
            ["name"] = name,
            ["id"] = id,
            ["color"] = OptionColors[(column.Options.Count + added.Count) % OptionColors.Length],
            ["textColor"] = "#212529",
        });
        return id;
    }

    private static byte[]? ConvertMany(JsonElement value, Func<string, string> convert)
    {
        IEnumerable<JsonElement> items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.String => [value],
            _ => [],
        };
        if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.String) || items.Any(i => i.ValueKind != JsonValueKind.String))
        {
            return null;
        }

        return JsonSerializer.SerializeToUtf8Bytes(items.Select(i => i.GetString()!).Where(s => s.Length > 0).Select(convert).Distinct(StringComparer.Ordinal).ToArray());
    }

    private static bool Coordinate(JsonElement value, string name, double limit) =>
        value.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.Number && Math.Abs(c.GetDouble()) <= limit;

    /// <summary>A duration written "h:mm" or "h:mm:ss" (or a number of seconds) as the seconds SeaTable's duration cells hold.</summary>
    internal static long? ParseDuration(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length is < 1 or > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? (long)Math.Round(number) : null;
        }

        long seconds = 0;
        foreach (var part in parts.Length == 1 ? parts : parts.Concat(Enumerable.Repeat("0", 3 - parts.Length)))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var unit) || unit > 1_000_000)
            {
                return null;
            }

            seconds = parts.Length == 1 ? unit : (seconds * 60) + unit;
        }

        return seconds;
    }

    /// <summary>"yyyy-MM-dd" or "yyyy-MM-dd HH:mm", as SeaTable's date cells hold them; null when not a date.</summary>
    internal static string? NormalizeDate(string text)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Format(local, text.Contains(':', StringComparison.Ordinal));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? Format(time.UtcDateTime, text.Contains(':', StringComparison.Ordinal))
            : null;
    }

    private static string Format(DateTime time, bool withTime) =>
        time.ToString(withTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Raw(JsonElement value) => JsonSerializer.SerializeToUtf8Bytes(value);

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
