using System.Buffers;
using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>Reads and rewrites a row's cells: one compact UTF-8 JSON object per row.</summary>
internal static class RowCells
{
    /// <summary>The cells' keys and where each raw value sits in the buffer.</summary>
    public static List<CellSlice> Parse(byte[] cells)
    {
        var slices = new List<CellSlice>();
        var reader = new Utf8JsonReader(cells);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return slices;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            slices.Add(new CellSlice(key, start, (int)reader.BytesConsumed - start));
        }

        return slices;
    }

    /// <summary>The raw JSON value of one cell; empty when the row has no such cell.</summary>
    public static ReadOnlySpan<byte> Find(byte[] cells, string key)
    {
        foreach (var slice in Parse(cells))
        {
            if (slice.Key == key)
            {
                return cells.AsSpan(slice.Start, slice.Length);
            }
        }

        return [];
    }

    /// <summary>Copies every cell into an object being written.</summary>
    public static void CopyTo(Utf8JsonWriter writer, byte[] cells)
    {
        foreach (var slice in Parse(cells))
        {
            writer.WritePropertyName(slice.Key);
            writer.WriteRawValue(cells.AsSpan(slice.Start, slice.Length), skipInputValidation: true);
        }
    }

    /// <summary>The cells with the updates applied: a null value removes the cell.</summary>
    public static byte[] Merge(byte[] cells, IReadOnlyList<CellUpdate> updates, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var slice in Parse(cells))
            {
                if (!updates.Any(u => u.Key == slice.Key))
                {
                    writer.WritePropertyName(slice.Key);
                    writer.WriteRawValue(cells.AsSpan(slice.Start, slice.Length), skipInputValidation: true);
                }
            }

            foreach (var update in updates)
            {
                if (update.Value is { } value)
                {
                    writer.WritePropertyName(update.Key);
                    writer.WriteRawValue(value, skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>New cells from a list of values (null values are left out).</summary>
    public static byte[] Build(IReadOnlyList<CellUpdate> values, ArrayBufferWriter<byte> buffer) =>
        Merge(ContentRow.NoCells, values, buffer);
}

internal readonly record struct CellSlice(string Key, int Start, int Length);

/// <summary>A cell to set (raw JSON value) or clear (null).</summary>
internal readonly record struct CellUpdate(string Key, byte[]? Value);
