using System.Globalization;
using System.Text.Json;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// Values as dtable-db writes them in "results": dates as RFC 3339 with the offset (this server's time zone
/// is UTC), row times with milliseconds, lists as arrays (at most 10 items, as SeaTable returns them).
/// </summary>
internal static class SqlJson
{
    public const int MaxListItems = 10;

    public static void Write(Utf8JsonWriter writer, SqlValue value)
    {
        switch (value.Kind)
        {
            case SqlKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            case SqlKind.Text:
                writer.WriteStringValue(value.Text);
                break;
            case SqlKind.Bool:
                writer.WriteBooleanValue(value.Bool);
                break;
            case SqlKind.Date:
                writer.WriteStringValue(FormatDate(value.Date));
                break;
            case SqlKind.List:
                writer.WriteStartArray();
                foreach (var item in value.Items.Take(MaxListItems))
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    public static string FormatDate(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>A value as a JSON element, for the row API's cell conversion (UPDATE ... SET).</summary>
    public static JsonElement ToElement(SqlValue value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (value.Kind)
            {
                case SqlKind.Date:
                    writer.WriteStringValue(value.HasTime
                        ? value.Date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                        : value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
                case SqlKind.List:
                    writer.WriteStartArray();
                    foreach (var item in value.Items)
                    {
                        if (item.Kind == SqlKind.Number)
                        {
                            writer.WriteNumberValue(item.Number);
                        }
                        else
                        {
                            writer.WriteStringValue(item.ToText());
                        }
                    }

                    writer.WriteEndArray();
                    break;
                case SqlKind.Text when value.Text!.Length == 0:
                    // SET col = "" clears the cell, as in SeaTable.
                    writer.WriteNullValue();
                    break;
                default:
                    Write(writer, value);
                    break;
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static void WriteTime(Utf8JsonWriter writer, long? unixMilliseconds)
    {
        if (unixMilliseconds is { } ms)
        {
            writer.WriteStringValue(RowTimes.Format(ms));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
