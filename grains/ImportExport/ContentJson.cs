using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// Checks and copies a content.json (reference 7.5) held in a <see cref="JsonDocument"/>: the document keeps
/// the UTF-8 text once, and subtrees without asset URLs are copied as raw bytes, so a large base costs little
/// more than its own size.
/// </summary>
public static class ContentJson
{
    private const int RowsPerReport = 2000;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Refuses content that is not a base: tables with _id and name, columns with key/name/type, rows with _id.</summary>
    public static void CheckShape(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the top level is not an object");
        }

        if (!root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("\"tables\" is missing or not a list");
        }

        var t = 0;
        foreach (var table in tables.EnumerateArray())
        {
            var where = $"tables[{t++}]";
            if (table.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{where} is not an object");
            }

            RequireString(table, "_id", where);
            RequireString(table, "name", where);
            var c = 0;
            foreach (var column in RequireArray(table, "columns", where).EnumerateArray())
            {
                var at = $"{where}.columns[{c++}]";
                if (column.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid($"{at} is not an object");
                }

                RequireString(column, "key", at);
                RequireString(column, "name", at);
                RequireString(column, "type", at);
            }

            var r = 0;
            foreach (var row in RequireArray(table, "rows", where).EnumerateArray())
            {
                var at = $"{where}.rows[{r++}]";
                if (row.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid($"{at} is not an object");
                }

                RequireString(row, "_id", at);
            }

            if (table.TryGetProperty("views", out var views) && views.ValueKind != JsonValueKind.Array)
            {
                throw Invalid($"{where}.views is not a list");
            }
        }
    }

    /// <summary>The number of rows over all tables (of content already checked).</summary>
    public static long CountRows(JsonElement root) =>
        root.GetProperty("tables").EnumerateArray().Sum(t => (long)t.GetProperty("rows").GetArrayLength());

    /// <summary>
    /// Writes the content with asset URLs rewritten (and, for exports, settings.enable_archive off, as SeaTable
    /// exports it); reports rows written. Returns the row count.
    /// </summary>
    public static long Copy(JsonElement root, Utf8JsonWriter writer, AssetUrls urls, bool archiveOff, long totalRows,
        Action<long, long> reportRows, CancellationToken cancellationToken)
    {
        long rows = 0;
        writer.WriteStartObject();
        foreach (var property in root.EnumerateObject())
        {
            WriteName(writer, property);
            if (property.NameEquals("tables"u8) && property.Value.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray();
                foreach (var table in property.Value.EnumerateArray())
                {
                    writer.WriteStartObject();
                    foreach (var member in table.EnumerateObject())
                    {
                        WriteName(writer, member);
                        if (!member.NameEquals("rows"u8))
                        {
                            WriteValue(writer, member.Value, urls);
                            continue;
                        }

                        writer.WriteStartArray();
                        foreach (var row in member.Value.EnumerateArray())
                        {
                            WriteValue(writer, row, urls);
                            if (++rows % RowsPerReport == 0)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                reportRows(rows, totalRows);
                            }
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
            else if (archiveOff && property.NameEquals("settings"u8) && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject();
                foreach (var setting in property.Value.EnumerateObject())
                {
                    WriteName(writer, setting);
                    if (setting.NameEquals("enable_archive"u8))
                    {
                        writer.WriteBooleanValue(false);
                    }
                    else
                    {
                        WriteValue(writer, setting.Value, urls);
                    }
                }

                writer.WriteEndObject();
            }
            else
            {
                WriteValue(writer, property.Value, urls);
            }
        }

        writer.WriteEndObject();
        reportRows(rows, totalRows);
        return rows;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement element, AssetUrls urls)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOf(urls.Marker) < 0)
        {
            writer.WriteRawValue(raw, skipInputValidation: true);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    WriteName(writer, property);
                    WriteValue(writer, property.Value, urls);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteValue(writer, item, urls);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(urls.Rewrite(element.GetString()!));
                break;
            default:
                writer.WriteRawValue(raw, skipInputValidation: true);
                break;
        }
    }

    private static void WriteName(Utf8JsonWriter writer, JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            writer.WritePropertyName(raw);
        }
        else
        {
            writer.WritePropertyName(property.Name);
        }
    }

    private static void RequireString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            throw Invalid($"{where} has no \"{name}\"");
        }
    }

    private static JsonElement RequireArray(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw Invalid($"{where}.{name} is missing or not a list");

    private static IoTaskFailedException Invalid(string why) => new($"content.json is not a SeaTable base: {why}.");
}
