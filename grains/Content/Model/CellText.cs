using System.Globalization;
using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>A cell read for comparing: its kind and its number, text, flag or list of strings.</summary>
internal readonly record struct CellText(JsonValueKind Kind, double Number, string? Text, IReadOnlyList<string>? Items)
{
    public static readonly CellText Empty = new(JsonValueKind.Undefined, 0, null, null);

    public bool IsEmpty => Kind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => true,
        JsonValueKind.String => string.IsNullOrEmpty(Text),
        JsonValueKind.Array => Items is not { Count: > 0 },
        _ => false,
    };

    public static CellText Of(byte[] cells, string key)
    {
        var raw = RowCells.Find(cells, key);
        if (raw.IsEmpty)
        {
            return Empty;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new CellText(JsonValueKind.String, 0, reader.GetString(), null);
            case JsonTokenType.Number:
                return new CellText(JsonValueKind.Number, reader.GetDouble(), null, null);
            case JsonTokenType.True or JsonTokenType.False:
                return new CellText(JsonValueKind.True, reader.TokenType == JsonTokenType.True ? 1 : 0, null, null);
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        items.Add(reader.GetString()!);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return new CellText(JsonValueKind.Array, 0, null, items);
            case JsonTokenType.StartObject:
                // Long text is {"text": ...}: compare by its text.
                using (var document = JsonDocument.Parse(raw.ToArray()))
                {
                    return document.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                        ? new CellText(JsonValueKind.String, 0, text.GetString(), null)
                        : new CellText(JsonValueKind.Object, 0, document.RootElement.GetRawText(), null);
                }

            default:
                return Empty;
        }
    }

    /// <summary>The value as text, for sorting and text predicates.</summary>
    public string AsText() => Kind switch
    {
        JsonValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => Number == 1 ? "true" : "false",
        JsonValueKind.Array => string.Join(", ", Items ?? []),
        _ => Text ?? "",
    };
}
