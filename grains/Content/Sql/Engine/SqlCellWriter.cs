using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// Writes a field of a row as dtable-db returns a selected column: select cells as option ids (names with
/// convert_keys), dates as RFC 3339, long text as its text, links as [{row_id, display_value}] (at most 50),
/// other lists cut to 10 items, an empty cell as null.
/// </summary>
internal sealed class SqlCellWriter
{
    private const int MaxLinks = 50;
    private readonly SqlField _field;
    private readonly bool _convertKeys;
    private readonly Dictionary<string, string>? _optionNames;
    private readonly SqlCellWriter? _display;

    public SqlCellWriter(SqlField field, bool convertKeys)
    {
        _field = field;
        _convertKeys = convertKeys;
        if (convertKeys && field.Column is { } column && field.Type is ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect)
        {
            _optionNames = column.Options.OfType<JsonObject>()
                .Where(o => o["id"] is JsonValue && o["name"] is JsonValue)
                .GroupBy(o => o["id"]!.ToString(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()["name"]!.ToString(), StringComparer.Ordinal);
        }

        if (field.LinkedDisplay is { } display)
        {
            _display = new SqlCellWriter(display, convertKeys);
        }
    }

    public void Write(Utf8JsonWriter writer, ContentRow? row)
    {
        if (row is null)
        {
            writer.WriteNullValue();
            return;
        }

        switch (_field.System)
        {
            case SystemField.Id:
                writer.WriteStringValue(row.Id);
                return;
            case SystemField.CreatedAt:
                SqlJson.WriteTime(writer, row.CreatedAt);
                return;
            case SystemField.ModifiedAt:
                SqlJson.WriteTime(writer, row.ModifiedAt);
                return;
            case SystemField.Creator:
                WriteText(writer, row.Creator);
                return;
            case SystemField.LastModifier:
                WriteText(writer, row.LastModifier);
                return;
        }

        switch (_field.Type)
        {
            case "ctime":
                SqlJson.WriteTime(writer, row.CreatedAt);
                return;
            case "mtime":
                SqlJson.WriteTime(writer, row.ModifiedAt);
                return;
            case "creator":
                WriteText(writer, row.Creator);
                return;
            case "last-modifier":
                WriteText(writer, row.LastModifier);
                return;
            case ColumnTypes.Link:
                WriteLinks(writer, row);
                return;
        }

        WriteCell(writer, row, RowCells.Find(row.Cells, _field.Utf8Key));
    }

    /// <summary>Whether the value is the row's cell alone (so <see cref="WriteCell"/> may be given it, found in one pass with others).</summary>
    public bool WritesCell => _field.ReadsCell;

    /// <summary>Writes the field from its raw cell (empty: the row has none), found by the caller.</summary>
    public void WriteCell(Utf8JsonWriter writer, ContentRow row, ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty || raw.SequenceEqual("\"\""u8))
        {
            // An empty text is NULL in SeaTable's SQL, in results as in conditions.
            writer.WriteNullValue();
            return;
        }

        switch (_field.Type)
        {
            case ColumnTypes.Date:
                SqlJson.Write(writer, _field.Read(row));
                return;
            case ColumnTypes.LongText when raw[0] == (byte)'{':
                SqlJson.Write(writer, _field.Read(row));
                return;
            case ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect or "collaborator" or "image" when _optionNames is not null || raw[0] == (byte)'[':
                WriteItems(writer, raw);
                return;
            default:
                writer.WriteRawValue(raw, skipInputValidation: true);
                return;
        }
    }

    private void WriteItems(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
    {
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            var id = reader.GetString()!;
            writer.WriteStringValue(_optionNames?.GetValueOrDefault(id, id) ?? id);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            writer.WriteRawValue(raw, skipInputValidation: true);
            return;
        }

        writer.WriteStartArray();
        var written = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (written == SqlJson.MaxListItems)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                var item = reader.GetString()!;
                writer.WriteStringValue(_optionNames?.GetValueOrDefault(item, item) ?? item);
            }
            else
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                writer.WriteRawValue(raw[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }

            written++;
        }

        writer.WriteEndArray();
    }

    private void WriteLinks(Utf8JsonWriter writer, ContentRow row)
    {
        var ids = _field.Link?.Linked(_field.TableId, row.Id) ?? [];
        if (ids.Count == 0)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var id in ids.Take(MaxLinks))
        {
            writer.WriteStartObject();
            writer.WriteString("row_id", id);
            writer.WritePropertyName("display_value");
            var other = _field.LinkedTable?.Rows.Find(id);
            if (_display is null || other is null)
            {
                writer.WriteStringValue(other is null ? "" : other.Id);
            }
            else
            {
                _display.Write(writer, other);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter writer, string? text)
    {
        if (text is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    public byte[] Utf8Key => _field.Utf8Key;

    /// <summary>A value of this field read for DISTINCT and sorting (what <see cref="Write"/> shows, as a value).</summary>
    public SqlValue Value(ContentRow? row) => row is null ? SqlValue.Null : _field.Read(row);

    public bool ConvertKeys => _convertKeys;
}
