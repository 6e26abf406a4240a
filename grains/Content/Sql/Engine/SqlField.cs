using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>The row fields every table has besides its columns.</summary>
internal enum SystemField
{
    None,
    Id,
    CreatedAt,
    ModifiedAt,
    Creator,
    LastModifier,
}

/// <summary>
/// One field a statement reads from rows of one source: a column (read by its type) or a system field. Reads
/// a row's cell into a <see cref="SqlValue"/>: select cells as option names, dates as dates, collaborators
/// and multiple selects as lists, links as the display values of the linked rows.
/// </summary>
internal sealed class SqlField
{
    private readonly Dictionary<string, string>? _optionNames;
    private readonly Dictionary<string, int>? _optionOrder;
    private readonly ContentLink? _link;
    private readonly string _tableId;
    private readonly ContentTable? _linkedTable;
    private readonly SqlField? _linkedDisplay;

    public SqlField(BaseContent content, ContentTable table, ContentColumn column, int depth = 0)
    {
        Column = column;
        Key = column.Key;
        Utf8Key = global::System.Text.Encoding.UTF8.GetBytes(Key);
        Name = column.Name;
        Type = column.Type;
        _tableId = table.Id;
        if (Type is ColumnTypes.SingleSelect or ColumnTypes.MultipleSelect)
        {
            _optionNames = column.Options.OfType<JsonObject>()
                .Where(o => o["id"] is JsonValue && o["name"] is JsonValue)
                .GroupBy(o => o["id"]!.ToString(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()["name"]!.ToString(), StringComparer.Ordinal);
            _optionOrder = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in column.Options.OfType<JsonObject>().Select(o => o["name"]?.ToString()).OfType<string>())
            {
                _optionOrder.TryAdd(name, _optionOrder.Count);
            }
        }
        else if (Type == ColumnTypes.Link && column.LinkId is { } linkId && content.LinkById(linkId) is { } link)
        {
            _link = link;
            _linkedTable = content.TableById(link.Table1Id == table.Id ? link.Table2Id : link.Table1Id);
            var displayKey = column.Data?["display_column_key"] is JsonValue d && d.TryGetValue<string>(out var key) ? key : _linkedTable?.Columns.FirstOrDefault()?.Key;
            // A link whose display column is itself a link (to a table linking back) is shown by row id: no cycles.
            if (depth == 0 && _linkedTable?.ColumnByKey(displayKey ?? "") is { } display && display.Type != ColumnTypes.Link)
            {
                _linkedDisplay = new SqlField(content, _linkedTable, display, depth + 1);
            }
        }
    }

    public SqlField(SystemField system)
    {
        System = system;
        (Key, Type) = system switch
        {
            SystemField.Id => ("_id", "text"),
            SystemField.CreatedAt => ("_ctime", "ctime"),
            SystemField.ModifiedAt => ("_mtime", "mtime"),
            SystemField.Creator => ("_creator", "creator"),
            _ => ("_last_modifier", "last-modifier"),
        };
        Name = Key;
        Utf8Key = global::System.Text.Encoding.UTF8.GetBytes(Key);
        _tableId = "";
    }

    /// <summary>The column read, or null for a system field.</summary>
    public ContentColumn? Column { get; }

    public SystemField System { get; }

    public string Key { get; }

    public byte[] Utf8Key { get; }

    /// <summary>This statement's decoded column (see <see cref="SqlVectors"/>), when it reads every row; else null.</summary>
    public SqlValue[]? Vector { get; set; }

    /// <summary>Whether the value comes from the row's cells (else from its system fields or the base's links).</summary>
    public bool ReadsCell => System == SystemField.None && Type is not ("ctime" or "mtime" or "creator" or "last-modifier" or ColumnTypes.Link);

    /// <summary>A cell's value from its raw JSON (empty: the row has no such cell).</summary>
    public SqlValue ReadRaw(ReadOnlySpan<byte> raw) => ReadCell(raw);

    public string Name { get; }

    public string Type { get; }

    public ContentLink? Link => _link;

    /// <summary>The table whose rows this field reads.</summary>
    public string TableId => _tableId;

    public ContentTable? LinkedTable => _linkedTable;

    public SqlField? LinkedDisplay => _linkedDisplay;

    /// <summary>Whether UPDATE may set it: columns the row API writes, not computed ones or system fields.</summary>
    public bool IsWritable => Column is not null && !ColumnTypes.IsReadOnly(Type);

    /// <summary>
    /// How a single-select value sorts: by its option's place in the column's options (SeaTable sorts
    /// selects in option order, not alphabetically); an unknown option after all known ones.
    /// </summary>
    public SqlValue SortKey(SqlValue value) =>
        Type == ColumnTypes.SingleSelect && _optionOrder is not null && value.Kind == SqlKind.Text
            ? SqlValue.FromNumber(_optionOrder.TryGetValue(value.Text!, out var order) ? order : _optionOrder.Count)
            : value;

    public static SystemField SystemFieldOf(string name) => name switch
    {
        "_id" => SystemField.Id,
        "_ctime" => SystemField.CreatedAt,
        "_mtime" => SystemField.ModifiedAt,
        "_creator" => SystemField.Creator,
        "_last_modifier" => SystemField.LastModifier,
        _ => SystemField.None,
    };

    public SqlValue Read(ContentRow row)
    {
        switch (System)
        {
            case SystemField.Id:
                return SqlValue.FromText(row.Id);
            case SystemField.CreatedAt:
                return Time(row.CreatedAt);
            case SystemField.ModifiedAt:
                return Time(row.ModifiedAt);
            case SystemField.Creator:
                return SqlValue.FromText(row.Creator);
            case SystemField.LastModifier:
                return SqlValue.FromText(row.LastModifier);
        }

        return Type switch
        {
            "ctime" => Time(row.CreatedAt),
            "mtime" => Time(row.ModifiedAt),
            "creator" => SqlValue.FromText(row.Creator),
            "last-modifier" => SqlValue.FromText(row.LastModifier),
            ColumnTypes.Link => Linked(row),
            _ => ReadCell(RowCells.Find(row.Cells, Utf8Key)),
        };
    }

    private SqlValue ReadCell(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            return Type == ColumnTypes.Checkbox ? SqlValue.False : SqlValue.Null;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // An imported 1e400 is no double: NULL, not a failed statement.
                return reader.TryGetDouble(out var number) ? SqlValue.FromNumber(number) : SqlValue.Null;
            case JsonTokenType.True:
                return SqlValue.True;
            case JsonTokenType.False:
                return SqlValue.False;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                return Type switch
                {
                    // Empty texts are NULL in SeaTable's SQL.
                    _ when text.Length == 0 => SqlValue.Null,
                    ColumnTypes.SingleSelect => SqlValue.FromText(_optionNames!.GetValueOrDefault(text, text)),
                    // A value that does not convert to its column's type is NULL, as SeaTable reads it.
                    ColumnTypes.Date => SqlDates.Parse(text) ?? SqlValue.Null,
                    ColumnTypes.Number or "rate" or "duration" => SqlValue.FromText(text).ToNumber() is { } n ? SqlValue.FromNumber(n) : SqlValue.Null,
                    ColumnTypes.Checkbox => SqlValue.FromBool(text is "true" or "True" or "1"),
                    _ => SqlValue.FromText(text),
                };
            case JsonTokenType.StartArray:
                return List(ref reader);
            case JsonTokenType.StartObject:
                // Long text {"text": ...}; a geolocation or other object is compared by its JSON.
                using (var document = JsonDocument.Parse(raw.ToArray()))
                {
                    return document.RootElement.TryGetProperty("text", out var inner) && inner.ValueKind == JsonValueKind.String
                        ? SqlValue.FromText(inner.GetString()!.Length == 0 ? null : inner.GetString())
                        : SqlValue.FromText(document.RootElement.GetRawText());
                }

            default:
                return SqlValue.Null;
        }
    }

    private SqlValue List(ref Utf8JsonReader reader)
    {
        var items = new List<SqlValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    items.Add(SqlValue.FromText(_optionNames is null ? text : _optionNames.GetValueOrDefault(text, text)));
                    break;
                case JsonTokenType.Number:
                    items.Add(reader.TryGetDouble(out var item) ? SqlValue.FromNumber(item) : SqlValue.Null);
                    break;
                case JsonTokenType.StartObject:
                    // Files and images: {"name", "url", ...}: the name (else the url) stands for the item.
                    string? name = null;
                    string? url = null;
                    var depth = reader.CurrentDepth;
                    while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                    {
                        if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
                        {
                            var property = reader.GetString();
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                if (property == "name") name = reader.GetString();
                                else if (property == "url") url = reader.GetString();
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }

                    items.Add(SqlValue.FromText(name ?? url ?? ""));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return items.Count == 0 ? SqlValue.Null : SqlValue.FromList([.. items]);
    }

    private SqlValue Linked(ContentRow row)
    {
        if (_link is null)
        {
            return SqlValue.Null;
        }

        var ids = _link.Linked(_tableId, row.Id);
        if (ids.Count == 0)
        {
            return SqlValue.Null;
        }

        var items = new SqlValue[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            var other = _linkedTable?.Rows.Find(ids[i]);
            items[i] = other is null ? SqlValue.Null
                : _linkedDisplay is null ? SqlValue.FromText(other.Id)
                : _linkedDisplay.Read(other);
        }

        return SqlValue.FromList(items);
    }

    private static SqlValue Time(long? unixMilliseconds) =>
        unixMilliseconds is { } ms ? SqlValue.FromDate(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime, hasTime: true) : SqlValue.Null;
}
