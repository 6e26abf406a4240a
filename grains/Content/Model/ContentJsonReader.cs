using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// Builds the in-memory model from SeaTable's content.json (reference 7.5): from a parsed document with
/// <see cref="Read(JsonElement)"/>, or piece by piece as the handler of a <see cref="ContentJsonParser"/>
/// (then <see cref="Take"/> the result), which never holds the whole text.
/// </summary>
internal sealed class ContentJsonReader(StringPool pool) : IContentJsonHandler
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter? _writer;
    private BaseContent _content = new();
    private TableBuilder? _table;

    /// <summary>The rows read so far, over all tables (a caller with a row limit checks it as they come).</summary>
    public long RowCount { get; private set; }

    public string? Intern(string? value) => pool.Intern(value);

    public BaseContent Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ContentFormatException("content.json must be a JSON object.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "tables")
            {
                Member(property.Name, property.Value);
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw new ContentFormatException("\"tables\" must be an array.");
            }

            foreach (var table in property.Value.EnumerateArray())
            {
                Add(ReadTable(table));
            }
        }

        return Take();
    }

    /// <summary>The content read; the reader starts over.</summary>
    public BaseContent Take()
    {
        if (_table is not null)
        {
            throw new ContentFormatException("content.json ends inside a table.");
        }

        var content = _content;
        _content = new BaseContent();
        RowCount = 0;
        return content;
    }

    public void Member(string name, JsonElement value)
    {
        switch (name)
        {
            case "version":
                _content.Version = value.TryGetInt64(out var version) ? version : 0;
                break;
            case "format_version":
                break;
            case "links":
                foreach (var link in Items(value))
                {
                    if (ReadLink(link) is { } read)
                    {
                        _content.Links.Add(read);
                    }
                }

                break;
            default:
                _content.Extras[name] = JsonNode.Parse(value.GetRawText());
                break;
        }
    }

    public void TableStart(int index) => _table = new TableBuilder();

    public void TableMember(string name, JsonElement value) => _table!.Member(name, value);

    public void Row(JsonElement row)
    {
        _table!.Add(ReadRow(row));
        RowCount++;
    }

    public void TableEnd()
    {
        var table = _table!.Build();
        _table = null;
        Add(table);
    }

    /// <summary>A whole table from one element (a parsed document, or a logged "insert_table").</summary>
    public ContentTable ReadTable(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ContentFormatException("Every table needs an \"_id\" and a \"name\".");
        }

        var builder = new TableBuilder();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "rows")
            {
                builder.Member(property.Name, property.Value);
                continue;
            }

            foreach (var row in Items(property.Value))
            {
                builder.Add(ReadRow(row));
            }
        }

        return builder.Build();
    }

    private void Add(ContentTable table)
    {
        if (_content.TableById(table.Id) is not null || _content.TableByName(table.Name) is not null)
        {
            throw new ContentFormatException($"Table {table.Name} ({table.Id}) appears twice.");
        }

        _content.Tables.Add(table);
    }

    public ContentRow ReadRow(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ContentFormatException("Every row must be a JSON object.");
        }

        // One pass, names compared as UTF-8 and times read in place: this runs for every row of every load and import.
        string? id = null;
        long? created = null;
        long? modified = null;
        string? creator = null;
        string? modifier = null;
        _buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(_buffer);
        writer.Reset(_buffer);
        writer.WriteStartObject();
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("_id"u8))
            {
                id = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            else if (property.NameEquals("_ctime"u8))
            {
                created = RowTimes.Parse(value);
            }
            else if (property.NameEquals("_mtime"u8))
            {
                modified = RowTimes.Parse(value);
            }
            else if (property.NameEquals("_creator"u8))
            {
                creator = pool.Intern(value);
            }
            else if (property.NameEquals("_last_modifier"u8))
            {
                modifier = pool.Intern(value);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        var row = new ContentRow(id is { Length: > 0 } ? id : RowIds.New())
        {
            CreatedAt = created, ModifiedAt = modified, Creator = creator, LastModifier = modifier,
        };
        row.Cells = _buffer.WrittenCount == 2 ? ContentRow.NoCells : _buffer.WrittenSpan.ToArray();
        return row;
    }

    public static ContentLink? ReadLink(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || Text(element, "_id") is not { } id
            || Text(element, "table1_id") is not { } table1 || Text(element, "table2_id") is not { } table2)
        {
            return null;
        }

        var link = new ContentLink(id, table1, table2);
        if (element.TryGetProperty("table1_table2_map", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject())
            {
                foreach (var other in Items(entry.Value))
                {
                    if (other.ValueKind == JsonValueKind.String)
                    {
                        link.Add(entry.Name, other.GetString()!);
                    }
                }
            }
        }

        return link;
    }

    public static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A table's members as they come: a stream may give its rows before its id and name.</summary>
    private sealed class TableBuilder
    {
        private string? _id;
        private string? _name;
        private readonly List<ContentColumn> _columns = [];
        private readonly JsonObject _extras = [];

        private readonly RowList _rows = new();

        public void Add(ContentRow row)
        {
            if (_rows.Contains(row.Id))
            {
                // A duplicate id would make the rows unaddressable: the copy gets a new one.
                row = new ContentRow(RowIds.New())
                {
                    CreatedAt = row.CreatedAt, ModifiedAt = row.ModifiedAt, Creator = row.Creator, LastModifier = row.LastModifier, Cells = row.Cells,
                };
            }

            _rows.Add(row);
        }

        public void Member(string name, JsonElement value)
        {
            switch (name)
            {
                case "_id":
                    _id = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    break;
                case "name":
                    _name = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    break;
                case "columns":
                    foreach (var column in Items(value))
                    {
                        if (column.ValueKind != JsonValueKind.Object || Text(column, "key") is not { Length: > 0 } key)
                        {
                            throw new ContentFormatException($"Every column of table {_name} needs a \"key\".");
                        }

                        if (_columns.Exists(c => c.Key == key))
                        {
                            throw new ContentFormatException($"Column key {key} appears twice in table {_name}.");
                        }

                        _columns.Add(new ContentColumn(JsonNode.Parse(column.GetRawText())!.AsObject()));
                    }

                    break;
                default:
                    _extras[name] = JsonNode.Parse(value.GetRawText());
                    break;
            }
        }

        public ContentTable Build()
        {
            if (_id is not { Length: > 0 } || _name is not { Length: > 0 })
            {
                throw new ContentFormatException("Every table needs an \"_id\" and a \"name\".");
            }

            if (_extras["views"] is not JsonArray { Count: > 0 })
            {
                _extras["views"] = new JsonArray { DefaultContent.NewView("0000", "Default View") };
            }

            var table = new ContentTable(_id, _name, _rows) { Extras = _extras };
            table.Columns.AddRange(_columns);
            return table;
        }
    }
}
