using System.Buffers;
using System.Text.Json;

namespace SeaTable.Grains.Content.Model;

/// <summary>Reads and rewrites a row's cells: one compact UTF-8 JSON object per row.</summary>
internal static class RowCells
{
    /// <summary>The raw JSON value of one cell; empty when the row has no such cell.</summary>
    public static ReadOnlySpan<byte> Find(byte[] cells, string key)
    {
        // The key in UTF-8 once: the reader would otherwise transcode it for every cell it passes.
        Span<byte> utf8 = stackalloc byte[256];
        return System.Text.Encoding.UTF8.TryGetBytes(key, utf8, out var length)
            ? Find(cells, utf8[..length])
            : Find(cells, System.Text.Encoding.UTF8.GetBytes(key));
    }

    /// <summary>As <see cref="Find(byte[], string)"/>, the key already in UTF-8.</summary>
    public static ReadOnlySpan<byte> Find(byte[] cells, scoped ReadOnlySpan<byte> key)
    {
        var reader = Open(cells);
        while (NextCell(ref reader))
        {
            var match = reader.ValueTextEquals(key);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (match)
            {
                return cells.AsSpan(start, (int)reader.BytesConsumed - start);
            }
        }

        return [];
    }

    /// <summary>Copies every cell into an object being written. Runs for every row of every snapshot and export, so it allocates nothing.</summary>
    public static void CopyTo(Utf8JsonWriter writer, byte[] cells)
    {
        var reader = Open(cells);
        while (NextCell(ref reader))
        {
            WriteKey(writer, ref reader);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            writer.WriteRawValue(cells.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
        }
    }

    /// <summary>The cells with the updates applied: a null value removes the cell.</summary>
    public static byte[] Merge(byte[] cells, IReadOnlyList<CellUpdate> updates, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var reader = Open(cells);
            while (NextCell(ref reader))
            {
                var replaced = false;
                foreach (var update in updates)
                {
                    replaced |= reader.ValueTextEquals(update.Key);
                }

                if (!replaced)
                {
                    WriteKey(writer, ref reader);
                }

                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (!replaced)
                {
                    writer.WriteRawValue(cells.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
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

    private static Utf8JsonReader Open(byte[] cells)
    {
        var reader = new Utf8JsonReader(cells);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? reader : default;
    }

    /// <summary>Moves to the next cell's key; false after the last.</summary>
    private static bool NextCell(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.None && reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>The key as stored (already valid JSON text) unless it holds escapes, which the writer must see unescaped.</summary>
    private static void WriteKey(Utf8JsonWriter writer, ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            writer.WritePropertyName(reader.GetString()!);
        }
        else
        {
            writer.WritePropertyName(reader.ValueSpan);
        }
    }
}

/// <summary>A cell to set (raw JSON value) or clear (null).</summary>
internal readonly record struct CellUpdate(string Key, byte[]? Value);
