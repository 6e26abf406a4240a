using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// Writes rows as the row API returns them: cells keyed by column name (or key), select cells as option
/// names, link cells from the base's links (as row ids, or {row_id, display_value} with convert_link_id).
/// </summary>
internal sealed class RowPresenter
{
    private readonly bool _byName;
    private readonly bool _convertLinkId;
    private readonly Dictionary<string, ContentColumn> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _optionNames = new(StringComparer.Ordinal);
    private readonly List<LinkColumn> _links = [];
    private readonly string _tableId;

    public RowPresenter(BaseContent content, ContentTable table, bool byName, bool convertLinkId)
    {
        _byName = byName;
        _convertLinkId = convertLinkId;
        _tableId = table.Id;
        foreach (var column in table.Columns)
        {
            _columns[column.Key] = column;
            if (column.Type is ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect)
            {
                _optionNames[column.Key] = column.Options.OfType<JsonObject>()
                    .Where(o => o["id"] is JsonValue && o["name"] is JsonValue)
                    .GroupBy(o => o["id"]!.ToString(), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First()["name"]!.ToString(), StringComparer.Ordinal);
            }
            else if (column.Type == ColumnTypes.Link && column.LinkId is { } linkId && content.LinkById(linkId) is { } link)
            {
                var otherTableId = link.Table1Id == table.Id ? link.Table2Id : link.Table1Id;
                var otherTable = content.TableById(otherTableId);
                var displayKey = column.Data?["display_column_key"] is JsonValue d && d.TryGetValue<string>(out var key) ? key : otherTable?.Columns.FirstOrDefault()?.Key;
                _links.Add(new LinkColumn(column, link, otherTable, displayKey));
            }
        }
    }

    public void Write(Utf8JsonWriter writer, ContentRow row)
    {
        writer.WriteStartObject();
        ContentJsonWriter.WriteSystemFields(writer, row);
        foreach (var slice in RowCells.Parse(row.Cells))
        {
            var raw = row.Cells.AsSpan(slice.Start, slice.Length);
            if (slice.Key.StartsWith('_'))
            {
                writer.WritePropertyName(slice.Key);
                writer.WriteRawValue(raw, skipInputValidation: true);
                continue;
            }

            if (!_columns.TryGetValue(slice.Key, out var column) || column.Type == ColumnTypes.Link)
            {
                // Cells of deleted columns are not shown; link cells come from the links below.
                continue;
            }

            writer.WritePropertyName(_byName ? column.Name : column.Key);
            if (_optionNames.TryGetValue(column.Key, out var names))
            {
                WriteOptionNames(writer, raw, names);
            }
            else
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
        }

        foreach (var link in _links)
        {
            writer.WriteStartArray(_byName ? link.Column.Name : link.Column.Key);
            foreach (var otherId in link.Link.Linked(_tableId, row.Id))
            {
                if (!_convertLinkId)
                {
                    writer.WriteStringValue(otherId);
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("row_id", otherId);
                writer.WritePropertyName("display_value");
                var other = link.OtherTable?.Rows.Find(otherId);
                ReadOnlySpan<byte> display = other is null || link.DisplayKey is null ? [] : RowCells.Find(other.Cells, link.DisplayKey);
                if (display.IsEmpty)
                {
                    writer.WriteStringValue("");
                }
                else
                {
                    writer.WriteRawValue(display, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteOptionNames(Utf8JsonWriter writer, ReadOnlySpan<byte> raw, Dictionary<string, string> names)
    {
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var id = reader.GetString()!;
                writer.WriteStringValue(names.GetValueOrDefault(id, id));
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        var item = reader.GetString()!;
                        writer.WriteStringValue(names.GetValueOrDefault(item, item));
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteRawValue(raw, skipInputValidation: true);
                break;
        }
    }

    private sealed record LinkColumn(ContentColumn Column, ContentLink Link, ContentTable? OtherTable, string? DisplayKey);
}
