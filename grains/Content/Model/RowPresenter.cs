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
    private readonly Dictionary<string, PresentedColumn> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PresentedColumn>.AlternateLookup<ReadOnlySpan<char>> _columnsBySpan;
    private readonly RowTimeCache _times = new();
    private readonly Dictionary<string, Dictionary<string, string>> _optionNames = new(StringComparer.Ordinal);
    private readonly List<LinkColumn> _links = [];
    private readonly string _tableId;
    private readonly bool _fill;
    private readonly List<PresentedColumn> _ordered = [];
    private readonly bool[] _seen;

    /// <param name="fill">
    /// Write rows as SeaTable's API gateway does: every column (null when the row has no value) and the system
    /// fields _archived, _locked and _locked_by, which dtable-server's v1 leaves out when unset.
    /// </param>
    public RowPresenter(BaseContent content, ContentTable table, bool byName, bool convertLinkId, bool fill = false)
    {
        _byName = byName;
        _convertLinkId = convertLinkId;
        _tableId = table.Id;
        _fill = fill;
        foreach (var column in table.Columns)
        {
            var presented = new PresentedColumn(column, JsonEncodedText.Encode(byName ? column.Name : column.Key), _ordered.Count);
            _columns[column.Key] = presented;
            _ordered.Add(presented);
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

        _columnsBySpan = _columns.GetAlternateLookup<ReadOnlySpan<char>>();
        _seen = new bool[_ordered.Count];
    }

    public void Write(Utf8JsonWriter writer, ContentRow row)
    {
        writer.WriteStartObject();
        _times.WriteSystemFields(writer, row);
        var cells = row.Cells;
        if (_fill)
        {
            Array.Clear(_seen);
        }

        var (archived, locked, lockedBy) = (false, false, false);
        var reader = new Utf8JsonReader(cells);
        reader.Read();
        Span<char> key = stackalloc char[128];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSystem = reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'_';
            var found = false;
            PresentedColumn? column = null;
            string? systemName = null;
            if (isSystem)
            {
                systemName = reader.GetString();
            }
            else if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= key.Length)
            {
                var length = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, key);
                found = _columnsBySpan.TryGetValue(key[..length], out column);
            }
            else
            {
                found = _columns.TryGetValue(reader.GetString()!, out column);
            }

            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var raw = cells.AsSpan(start, (int)reader.BytesConsumed - start);
            if (systemName is not null)
            {
                archived |= systemName == "_archived";
                locked |= systemName == "_locked";
                lockedBy |= systemName == "_locked_by";
                writer.WritePropertyName(systemName);
                writer.WriteRawValue(raw, skipInputValidation: true);
                continue;
            }

            if (!found || column!.Column.Type == ColumnTypes.Link)
            {
                // Cells of deleted columns are not shown; link cells come from the links below.
                continue;
            }

            _seen[column.Index] = true;
            writer.WritePropertyName(column.Name);
            if (_optionNames.TryGetValue(column.Column.Key, out var names))
            {
                WriteOptionNames(writer, raw, names);
            }
            else
            {
                writer.WriteRawValue(raw, skipInputValidation: true);
            }
        }

        if (_fill)
        {
            WriteEmpty(writer, archived, locked, lockedBy);
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

    /// <summary>The gateway's empty cells: null for every column the row has no value of (links come after), and the unset system fields.</summary>
    private void WriteEmpty(Utf8JsonWriter writer, bool archived, bool locked, bool lockedBy)
    {
        foreach (var column in _ordered)
        {
            if (!_seen[column.Index] && column.Column.Type != ColumnTypes.Link)
            {
                writer.WriteNull(column.Name);
            }
        }

        if (!archived)
        {
            writer.WriteBoolean("_archived", false);
        }

        if (!locked)
        {
            writer.WriteNull("_locked");
        }

        if (!lockedBy)
        {
            writer.WriteNull("_locked_by");
        }
    }

    private sealed record PresentedColumn(ContentColumn Column, JsonEncodedText Name, int Index);

    private sealed record LinkColumn(ContentColumn Column, ContentLink Link, ContentTable? OtherTable, string? DisplayKey);
}
