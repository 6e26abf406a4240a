using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// A new column's definition as SeaTable writes it (the members of the column object SeaTable answers) and
/// its column_data checked and completed by type: number formats, date and duration formats, rate maximum,
/// geolocation format, auto-number format, select options with ids. Other members of column_data are kept.
/// </summary>
internal static partial class ColumnDefinitions
{
    public const string DataInvalid = "column_data invalid.";

    private static readonly string[] OptionColors = ["#FFFCB5", "#FFEAB6", "#FFD9C8", "#FFDDE5", "#EFE8FF", "#E6F7FF", "#D7F1FF", "#D2FCF0", "#D6F5D6", "#E9E9E9"];
    private static readonly HashSet<string> NumberFormats = new(StringComparer.Ordinal) { "number", "percent", "yuan", "dollar", "euro", "custom_currency" };
    private static readonly HashSet<string> Decimals = new(StringComparer.Ordinal) { "dot", "comma" };
    private static readonly HashSet<string> Thousands = new(StringComparer.Ordinal) { "no", "comma", "dot", "space" };
    private static readonly HashSet<string> DurationFormats = new(StringComparer.Ordinal) { "h:mm", "h:mm:ss" };
    private static readonly HashSet<string> GeoFormats = new(StringComparer.Ordinal)
    {
        "lng_lat", "country_region", "province", "province_city", "province_city_district", "geolocation",
    };

    private static readonly HashSet<string> LinkFormulas = new(StringComparer.Ordinal) { "lookup", "countlinks", "rollup", "findmax", "findmin" };

    /// <summary>SeaTable's column object around the key, name, type and data.</summary>
    public static JsonObject New(string key, string name, string type, JsonObject? data)
    {
        var column = new JsonObject
        {
            ["key"] = key, ["name"] = name, ["type"] = type, ["width"] = 200, ["editable"] = true, ["resizable"] = true,
            ["draggable"] = true, ["data"] = data, ["permission_type"] = "", ["permitted_users"] = new JsonArray(),
            ["permitted_group"] = new JsonArray(), ["edit_metadata_permission_type"] = "",
            ["edit_metadata_permitted_users"] = new JsonArray(), ["edit_metadata_permitted_group"] = new JsonArray(),
            ["description"] = null, ["colorbys"] = new JsonObject(),
        };
        return column;
    }

    /// <summary>
    /// The column_data a column of the type keeps (null when the type has none and none was sent), or an
    /// error text. Link columns are completed by the caller (they need the tables).
    /// </summary>
    public static string? Normalize(string type, JsonObject? sent, out JsonObject? data)
    {
        data = sent?.DeepClone().AsObject();
        switch (type)
        {
            case ColumnTypes.Number:
                data ??= [];
                if (!OneOf(data, "format", NumberFormats, "number") || !OneOf(data, "decimal", Decimals, "dot")
                    || !OneOf(data, "thousands", Thousands, "no") || !IntIn(data, "precision", 0, 8, null))
                {
                    return DataInvalid;
                }

                break;
            case ColumnTypes.Date:
                data ??= [];
                if (data["format"] is null)
                {
                    data["format"] = "YYYY-MM-DD";
                }
                else if (Text(data, "format") is not { } format || !DateFormat().IsMatch(format))
                {
                    return DataInvalid;
                }

                break;
            case "duration":
                data ??= [];
                // SeaTable keeps {"format": "duration", "duration_format": "h:mm"}; scripts also send {"format": "h:mm"}.
                var duration = Text(data, "duration_format") ?? (Text(data, "format") is { } f && DurationFormats.Contains(f) ? f : null) ?? "h:mm";
                if (!DurationFormats.Contains(duration) || (Text(data, "format") is { } given && given != "duration" && given != duration))
                {
                    return DataInvalid;
                }

                data["format"] = "duration";
                data["duration_format"] = duration;
                break;
            case "rate":
                data ??= [];
                if (!IntIn(data, "rate_max_number", 1, 10, 5))
                {
                    return DataInvalid;
                }

                data["rate_style_color"] ??= "#FF8000";
                data["rate_style_type"] ??= "dtable-icon-rate";
                break;
            case "geolocation":
                data ??= [];
                if (!OneOf(data, "geo_format", GeoFormats, "lng_lat"))
                {
                    return DataInvalid;
                }

                break;
            case "auto-number":
                data ??= [];
                var pattern = data["format"] is null ? "0000" : Text(data, "format");
                if (pattern is null || !AutoNumberFormat().IsMatch(pattern))
                {
                    return DataInvalid;
                }

                data["format"] = pattern;
                data["digits"] = pattern.Length - pattern.TrimEnd('0').Length;
                data["max_used_auto_number"] ??= 0;
                data["prefix_type"] ??= null;
                data["prefix"] ??= null;
                break;
            case ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect:
                data ??= [];
                if (data["options"] is null)
                {
                    data["options"] = new JsonArray();
                }
                else if (data["options"] is not JsonArray options || NewOptions(new JsonArray(), options, out var completed) is not null)
                {
                    return DataInvalid;
                }
                else
                {
                    data["options"] = completed;
                }

                break;
            case "formula":
                if (data is null || (data["formula"] is not null && Text(data, "formula") is null))
                {
                    return data is null ? null : DataInvalid;
                }

                break;
            case "link-formula":
                if (data is not null && ((data["formula"] is not null && (Text(data, "formula") is not { } lf || !LinkFormulas.Contains(lf)))
                                         || (data["link_column_key"] is not null && Text(data, "link_column_key") is null)))
                {
                    return DataInvalid;
                }

                break;
        }

        return null;
    }

    /// <summary>
    /// Options to add to a select column's options: each needs a name not taken; ids are generated where
    /// missing, colors filled in. Null when all are fine, else the error text.
    /// </summary>
    public static string? NewOptions(JsonArray existing, JsonArray sent, out JsonArray added)
    {
        added = [];
        var names = existing.OfType<JsonObject>().Select(o => Text(o, "name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var ids = existing.OfType<JsonObject>().Select(o => Text(o, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var node in sent)
        {
            if (node is not JsonObject option || Text(option, "name") is not { Length: > 0 } name)
            {
                return "option invalid.";
            }

            if (!names.Add(name))
            {
                return $"option {name} exists.";
            }

            var copy = option.DeepClone().AsObject();
            var id = Text(option, "id");
            if (id is null || !ids.Add(id))
            {
                id = RowIds.NewOptionId(ids.Contains);
                ids.Add(id);
            }

            copy["id"] = id;
            copy["color"] ??= OptionColors[(existing.Count + added.Count) % OptionColors.Length];
            copy["textColor"] ??= "#212529";
            added.Add(copy);
        }

        return null;
    }

    /// <summary>
    /// A JSON number's value, whether the node was parsed (JsonElement inside) or set from a CLR number:
    /// TryGetValue&lt;double&gt; fails on a node holding an int, so it is read from its JSON text.
    /// </summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
        && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number : null;

    public static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool OneOf(JsonObject data, string name, HashSet<string> allowed, string fallback)
    {
        if (data[name] is null)
        {
            data[name] = fallback;
            return true;
        }

        return Text(data, name) is { } value && allowed.Contains(value);
    }

    private static bool IntIn(JsonObject data, string name, int min, int max, int? fallback)
    {
        if (data[name] is null)
        {
            if (fallback is { } value)
            {
                data[name] = value;
            }

            return true;
        }

        return Number(data[name]) is { } number && number == Math.Floor(number) && number >= min && number <= max;
    }

    /// <summary>SeaTable's date formats: day, month and year tokens with -, /, . or spaces, optionally a time.</summary>
    [GeneratedRegex(@"^(YYYY-MM-DD|M/D/YYYY|DD/MM/YYYY|DD\.MM\.YYYY|D/M/YYYY|D\.M\.YYYY|YYYY/MM/DD)( HH:mm(:ss)?)?$")]
    private static partial Regex DateFormat();

    /// <summary>An auto-number format: an optional prefix and one or more zeros (the digits), e.g. "0000", "INV-000".</summary>
    [GeneratedRegex("^[^0]{0,20}0{1,10}$")]
    private static partial Regex AutoNumberFormat();
}
