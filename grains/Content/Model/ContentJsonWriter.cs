using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>Writes the model back in SeaTable's shapes: content.json, metadata, tables and rows by column key.</summary>
internal static class ContentJsonWriter
{
    private const int FlushBytes = 32 * 1024;

    public static void WriteContent(Utf8JsonWriter writer, BaseContent content)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", content.Version);
        writer.WriteNumber("format_version", BaseContent.FormatVersion);
        foreach (var (name, value) in content.Extras)
        {
            writer.WritePropertyName(name);
            WriteNode(writer, value);
        }

        writer.WriteStartArray("tables");
        foreach (var table in content.Tables)
        {
            WriteTable(writer, table, includeRows: true);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("links");
        foreach (var link in content.Links)
        {
            WriteLink(writer, link);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The "metadata" object of the metadata call: tables with columns and views, no rows.</summary>
    public static void WriteMetadata(Utf8JsonWriter writer, BaseContent content)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("tables");
        foreach (var table in content.Tables)
        {
            WriteTable(writer, table, includeRows: false);
        }

        writer.WriteEndArray();
        writer.WriteNumber("version", content.Version);
        writer.WriteNumber("format_version", BaseContent.FormatVersion);
        if (content.Extras["settings"] is { } settings)
        {
            writer.WritePropertyName("settings");
            WriteNode(writer, settings);
        }

        writer.WriteEndObject();
    }

    /// <summary>A table as content.json has it; without rows (and view internals) for the metadata.</summary>
    public static void WriteTable(Utf8JsonWriter writer, ContentTable table, bool includeRows)
    {
        writer.WriteStartObject();
        writer.WriteString("_id", table.Id);
        writer.WriteString("name", table.Name);
        writer.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            column.Definition.WriteTo(writer);
        }

        writer.WriteEndArray();
        if (includeRows)
        {
            writer.WriteStartArray("rows");
            foreach (var row in table.Rows.InOrder)
            {
                WriteRowByKey(writer, row);
                if (writer.BytesPending >= FlushBytes)
                {
                    // A writer over a stream holds everything until flushed: a snapshot of a large base
                    // would otherwise sit whole in the writer's buffer before reaching the compressor.
                    writer.Flush();
                }
            }

            writer.WriteEndArray();
            foreach (var (name, value) in table.Extras)
            {
                writer.WritePropertyName(name);
                WriteNode(writer, value);
            }
        }
        else
        {
            writer.WritePropertyName("views");
            table.Views.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>A row as content.json stores it: cells keyed by column key, select cells holding option ids.</summary>
    public static void WriteRowByKey(Utf8JsonWriter writer, ContentRow row)
    {
        writer.WriteStartObject();
        WriteSystemFields(writer, row);
        RowCells.CopyTo(writer, row.Cells);
        writer.WriteEndObject();
    }

    public static void WriteSystemFields(Utf8JsonWriter writer, ContentRow row)
    {
        writer.WriteString("_id", row.Id);
        if (row.Creator is not null)
        {
            writer.WriteString("_creator", row.Creator);
        }

        if (row.CreatedAt is { } created)
        {
            RowTimes.Write(writer, "_ctime"u8, created);
        }

        if (row.LastModifier is not null)
        {
            writer.WriteString("_last_modifier", row.LastModifier);
        }

        if (row.ModifiedAt is { } modified)
        {
            RowTimes.Write(writer, "_mtime"u8, modified);
        }
    }

    public static void WriteLink(Utf8JsonWriter writer, ContentLink link)
    {
        writer.WriteStartObject();
        writer.WriteString("_id", link.Id);
        writer.WriteString("table1_id", link.Table1Id);
        writer.WriteString("table2_id", link.Table2Id);
        WriteMap(writer, "table1_table2_map", link.Table1ToTable2);
        WriteMap(writer, "table2_table1_map", link.Table2ToTable1);
        writer.WriteEndObject();
    }

    public static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, Dictionary<string, List<string>> map)
    {
        writer.WriteStartObject(name);
        foreach (var (from, to) in map)
        {
            writer.WriteStartArray(from);
            foreach (var id in to)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
