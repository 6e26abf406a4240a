using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>A column: its definition as content.json holds it (key, name, type, data, width ...).</summary>
internal sealed class ContentColumn(JsonObject definition)
{
    public JsonObject Definition { get; } = definition;

    public string Key => Definition["key"]!.GetValue<string>();

    public string Name => Definition["name"]?.GetValue<string>() ?? Key;

    public string Type => Definition["type"]?.GetValue<string>() ?? ColumnTypes.Text;

    public JsonObject? Data => Definition["data"] as JsonObject;

    /// <summary>The select options (single- and multiple-select), created on first use.</summary>
    public JsonArray Options
    {
        get
        {
            if (Definition["data"] is not JsonObject data)
            {
                data = new JsonObject();
                Definition["data"] = data;
            }

            if (data["options"] is not JsonArray options)
            {
                options = new JsonArray();
                data["options"] = options;
            }

            return options;
        }
    }

    public string? LinkId => Data?["link_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>SeaTable's column types that the row API treats specially.</summary>
internal static class ColumnTypes
{
    public const string Text = "text";
    public const string LongText = "long-text";
    public const string Number = "number";
    public const string Checkbox = "checkbox";
    public const string Date = "date";
    public const string SingleSelect = "single-select";
    public const string MultipleSelect = "multiple-select";
    public const string Link = "link";

    /// <summary>Computed by the server: values sent for them are ignored, as SeaTable ignores them.</summary>
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal)
    {
        Link, "formula", "link-formula", "creator", "ctime", "mtime", "last-modifier", "auto-number", "button",
    };

    /// <summary>Types a column may be created with through the table API.</summary>
    public static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Text, LongText, Number, Checkbox, Date, SingleSelect, MultipleSelect, Link, "email", "url", "rate", "duration",
        "collaborator", "image", "file", "geolocation", "formula", "link-formula", "creator", "ctime", "mtime",
        "last-modifier", "auto-number", "button", "digital-sign",
    };

    public static bool IsReadOnly(string type) => ReadOnly.Contains(type);
}
