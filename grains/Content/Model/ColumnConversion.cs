using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// A cell's value when its column changes type (modify_column_type). The value is first read as what the
/// old column shows (a select's option name, a number as its format shows it, a long text's text) and then
/// parsed as the new type; what does not parse is cleared. Select targets get one option per distinct
/// value, created in the order the rows hold them. Computed targets (formula, creator, ...) and the types
/// whose cells hold structured values (image, file, geolocation, button) keep nothing from another type.
/// </summary>
internal sealed partial class ColumnConversion
{
    private static readonly HashSet<string> TextLike = new(StringComparer.Ordinal) { ColumnTypes.Text, "email", "url" };
    private static readonly HashSet<string> Truthy = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "1", "x", "✓", "✔", "checked", "on" };

    private readonly ContentColumn _from;
    private readonly string _to;
    private readonly JsonObject _toData;
    private readonly Dictionary<string, string> _fromNames;
    private readonly Dictionary<string, string> _toIds = new(StringComparer.Ordinal);

    public ColumnConversion(ContentColumn from, string toType, JsonObject? toData)
    {
        _from = from;
        _to = toType;
        _toData = toData ?? [];
        _fromNames = from.Type is ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect
            ? from.Options.OfType<JsonObject>().Where(o => ColumnDefinitions.Text(o, "id") is not null && ColumnDefinitions.Text(o, "name") is not null)
                .GroupBy(o => ColumnDefinitions.Text(o, "id")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => ColumnDefinitions.Text(g.First(), "name")!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (_toData["options"] is JsonArray options)
        {
            foreach (var option in options.OfType<JsonObject>())
            {
                if (ColumnDefinitions.Text(option, "name") is { } name && ColumnDefinitions.Text(option, "id") is { } id)
                {
                    _toIds.TryAdd(name, id);
                }
            }
        }
    }

    /// <summary>The new value (JSON) of a cell holding <paramref name="value"/>, null to clear it.</summary>
    public byte[]? Convert(JsonElement value)
    {
        if (_from.Type == _to || (TextLike.Contains(_from.Type) && TextLike.Contains(_to)))
        {
            return JsonSerializer.SerializeToUtf8Bytes(value);
        }

        switch (_to)
        {
            case ColumnTypes.Text or "email" or "url" or ColumnTypes.LongText:
                return AsText(value) is { Length: > 0 } text ? JsonSerializer.SerializeToUtf8Bytes(text) : null;
            case ColumnTypes.Number:
                return AsNumber(value) is { } number ? JsonSerializer.SerializeToUtf8Bytes(number) : null;
            case "rate":
                var max = ColumnDefinitions.Number(_toData["rate_max_number"]) ?? 5;
                return AsNumber(value) is { } rate && rate >= 0 ? JsonSerializer.SerializeToUtf8Bytes((long)Math.Min(Math.Round(rate), max)) : null;
            case "duration":
                return (value.ValueKind == JsonValueKind.String ? CellConverter.ParseDuration(value.GetString()!) : AsNumber(value)) is { } seconds
                    ? JsonSerializer.SerializeToUtf8Bytes(seconds) : null;
            case ColumnTypes.Checkbox:
                return AsText(value) is { Length: > 0 } flag ? JsonSerializer.SerializeToUtf8Bytes(Truthy.Contains(flag.Trim()) || (AsNumber(value) is { } n && n != 0)) : null;
            case ColumnTypes.Date:
                return value.ValueKind == JsonValueKind.String && CellConverter.NormalizeDate(AsText(value) ?? "") is { } date ? JsonSerializer.SerializeToUtf8Bytes(date) : null;
            case ColumnTypes.SingleSelect:
                return Names(value, split: false).FirstOrDefault() is { } single ? JsonSerializer.SerializeToUtf8Bytes(OptionId(single)) : null;
            case ColumnTypes.MultipleSelect:
                var ids = Names(value, split: true).Select(OptionId).Distinct(StringComparer.Ordinal).ToArray();
                return ids.Length > 0 ? JsonSerializer.SerializeToUtf8Bytes(ids) : null;
            case "collaborator":
                var emails = Names(value, split: true).Where(n => n.Contains('@', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
                return emails.Length > 0 ? JsonSerializer.SerializeToUtf8Bytes(emails) : null;
            default:
                return null;
        }
    }

    /// <summary>The cell as the old column shows it, as text.</summary>
    private string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when _from.Type == ColumnTypes.SingleSelect => _fromNames.GetValueOrDefault(value.GetString()!, value.GetString()!),
        JsonValueKind.String when _from.Type == "duration" => value.GetString(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when _from.Type == "duration" => FormatDuration(value.GetDouble(), ColumnDefinitions.Text(_from.Data ?? [], "duration_format")),
        JsonValueKind.Number when _from.Type == ColumnTypes.Number => FormatNumber(value.GetDouble(), _from.Data),
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => _to == ColumnTypes.Checkbox ? "false" : null,
        JsonValueKind.Array => string.Join(", ", Names(value, split: false)),
        JsonValueKind.Object when value.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String => text.GetString(),
        _ => null,
    };

    private double? AsNumber(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        return AsText(value) is { } text ? ParseNumber(text) : null;
    }

    /// <summary>The values a select or collaborator column gets from the cell: list items, or the text (split at commas when many fit).</summary>
    private IEnumerable<string> Names(JsonElement value, bool split)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String)
                .Select(i => _fromNames.GetValueOrDefault(i.GetString()!, i.GetString()!)).Where(s => s.Length > 0).ToList();
        }

        if (AsText(value) is not { } text || text.Trim().Length == 0)
        {
            return [];
        }

        return split ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text.Trim()];
    }

    private string OptionId(string name)
    {
        if (_toIds.TryGetValue(name, out var id))
        {
            return id;
        }

        if (_toData["options"] is not JsonArray options)
        {
            options = [];
            _toData["options"] = options;
        }

        ColumnDefinitions.NewOptions(options, [new JsonObject { ["name"] = name }], out var added);
        var option = added[0]!.AsObject();
        id = ColumnDefinitions.Text(option, "id")!;
        options.Add(option.DeepClone());
        _toIds[name] = id;
        return id;
    }

    /// <summary>A number in text: currency signs, spaces and thousands separators dropped, "%" divides by 100; the first number found.</summary>
    internal static double? ParseNumber(string text)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var match = NumberPattern().Match(trimmed.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        if (!match.Success || !double.TryParse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return null;
        }

        return percent ? number / 100 : number;
    }

    /// <summary>A number as its column's format shows it (percent, currencies, precision, separators).</summary>
    internal static string FormatNumber(double number, JsonObject? data)
    {
        var format = data is null ? "number" : ColumnDefinitions.Text(data, "format") ?? "number";
        var precision = data?["enable_precision"] is JsonValue e && e.GetValueKind() == JsonValueKind.True
                        && ColumnDefinitions.Number(data["precision"]) is { } digits ? (int)digits : (int?)null;
        var shown = format == "percent" ? number * 100 : number;
        var text = precision is { } d ? shown.ToString("N" + d, CultureInfo.InvariantCulture)
            : format is "dollar" or "euro" or "yuan" or "custom_currency" ? shown.ToString("N2", CultureInfo.InvariantCulture)
            : shown.ToString("#,0.##########", CultureInfo.InvariantCulture);
        var thousands = data is null ? "no" : ColumnDefinitions.Text(data, "thousands") ?? "no";
        var comma = data is not null && ColumnDefinitions.Text(data, "decimal") == "comma";
        var separator = thousands switch { "comma" => ",", "dot" => ".", "space" => " ", _ => "" };
        text = text.Replace(",", "\u0001", StringComparison.Ordinal).Replace(".", comma ? "," : ".", StringComparison.Ordinal).Replace("\u0001", separator, StringComparison.Ordinal);
        return format switch
        {
            "percent" => text + "%",
            "dollar" => "$" + text,
            "euro" => "€" + text,
            "yuan" => "¥" + text,
            "custom_currency" => (data is null ? "" : ColumnDefinitions.Text(data, "currency_symbol") ?? "") + text,
            _ => text,
        };
    }

    internal static string FormatDuration(double seconds, string? format)
    {
        var total = (long)Math.Round(seconds);
        var sign = total < 0 ? "-" : "";
        total = Math.Abs(total);
        return format == "h:mm:ss"
            ? $"{sign}{total / 3600}:{total / 60 % 60:00}:{total % 60:00}"
            : $"{sign}{total / 3600}:{total / 60 % 60:00}";
    }

    [GeneratedRegex(@"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberPattern();
}
