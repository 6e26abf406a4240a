using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>Builds the in-memory model from SeaTable's content.json (reference 7.5).</summary>
internal sealed class ContentJsonReader(StringPool pool)
{
    private static readonly HashSet<string> SystemFields = new(StringComparer.Ordinal) { "_id", "_ctime", "_mtime", "_creator", "_last_modifier" };
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public string? Intern(string? value) => pool.Intern(value);

    public BaseContent Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ContentFormatException("content.json must be a JSON object.");
        }

        var content = new BaseContent();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "version":
                    content.Version = property.Value.TryGetInt64(out var version) ? version : 0;
                    break;
                case "format_version":
                    break;
                case "tables":
                    if (property.Value.ValueKind != JsonValueKind.Array)
                    {
                        throw new ContentFormatException("\"tables\" must be an array.");
                    }

                    foreach (var table in property.Value.EnumerateArray())
                    {
                        var read = ReadTable(table);
                        if (content.TableById(read.Id) is not null || content.TableByName(read.Name) is not null)
                        {
                            throw new ContentFormatException($"Table {read.Name} ({read.Id}) appears twice.");
                        }

                        content.Tables.Add(read);
                    }

                    break;
                case "links":
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var link in property.Value.EnumerateArray())
                        {
                            if (ReadLink(link) is { } read)
                            {
                                content.Links.Add(read);
                            }
                        }
                    }

                    break;
                default:
                    content.Extras[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                    break;
            }
        }

        return content;
    }

    public ContentTable ReadTable(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || Text(element, "_id") is not { Length: > 0 } id || Text(element, "name") is not { Length: > 0 } name)
        {
            throw new ContentFormatException("Every table needs an \"_id\" and a \"name\".");
        }

        var table = new ContentTable(id, name);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "_id" or "name":
                    break;
                case "columns":
                    foreach (var column in Items(property.Value))
                    {
                        if (column.ValueKind != JsonValueKind.Object || Text(column, "key") is not { Length: > 0 } key)
                        {
                            throw new ContentFormatException($"Every column of table {name} needs a \"key\".");
                        }

                        if (table.ColumnByKey(key) is not null)
                        {
                            throw new ContentFormatException($"Column key {key} appears twice in table {name}.");
                        }

                        table.Columns.Add(new ContentColumn(JsonNode.Parse(column.GetRawText())!.AsObject()));
                    }

                    break;
                case "rows":
                    foreach (var row in Items(property.Value))
                    {
                        var read = ReadRow(row);
                        if (table.Rows.Contains(read.Id))
                        {
                            // A duplicate id would make the rows unaddressable: the copy gets a new one.
                            var copy = new ContentRow(RowIds.New())
                            {
                                CreatedAt = read.CreatedAt, ModifiedAt = read.ModifiedAt, Creator = read.Creator,
                                LastModifier = read.LastModifier, Cells = read.Cells,
                            };
                            read = copy;
                        }

                        table.Rows.Add(read);
                    }

                    break;
                default:
                    table.Extras[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                    break;
            }
        }

        if (table.Extras["views"] is not JsonArray { Count: > 0 })
        {
            table.Extras["views"] = new JsonArray { DefaultContent.NewView("0000", "Default View") };
        }

        return table;
    }

    public ContentRow ReadRow(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ContentFormatException("Every row must be a JSON object.");
        }

        var id = Text(element, "_id") is { Length: > 0 } given ? given : RowIds.New();
        var row = new ContentRow(id)
        {
            CreatedAt = RowTimes.Parse(Text(element, "_ctime")),
            ModifiedAt = RowTimes.Parse(Text(element, "_mtime")),
            Creator = pool.Intern(Text(element, "_creator")),
            LastModifier = pool.Intern(Text(element, "_last_modifier")),
        };

        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (!SystemFields.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

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
}
