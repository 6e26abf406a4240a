using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>
/// The log record of one write: a JSON array of its operations, gzip-compressed when large. Also reads
/// records back for the replay on activation.
/// </summary>
internal static class ContentOpLog
{
    /// <summary>Records above this size are compressed (SQLite stores blobs as they come).</summary>
    private const int CompressAbove = 16 * 1024;

    /// <summary>Each operation's JSON (the event sent to sockets) and the record to log.</summary>
    public static (IReadOnlyList<byte[]> Operations, byte[] Record) Encode(IReadOnlyList<ContentOp> operations)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var encoded = new List<byte[]>(operations.Count);
        foreach (var operation in operations)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                operation.Write(writer);
            }

            encoded.Add(buffer.WrittenSpan.ToArray());
        }

        var length = encoded.Sum(e => e.Length) + encoded.Count + 1;
        using var record = new MemoryStream(length);
        Stream target = length > CompressAbove ? new GZipStream(record, CompressionLevel.Fastest, leaveOpen: true) : record;
        target.WriteByte((byte)'[');
        for (var i = 0; i < encoded.Count; i++)
        {
            if (i > 0)
            {
                target.WriteByte((byte)',');
            }

            target.Write(encoded[i]);
        }

        target.WriteByte((byte)']');
        if (target != record)
        {
            target.Dispose();
        }

        return (encoded, record.ToArray());
    }

    public static List<ContentOp> Decode(byte[] record, ContentJsonReader reader)
    {
        using var document = JsonDocument.Parse(Payloads.Open(record));
        var operations = new List<ContentOp>();
        foreach (var element in ContentJsonReader.Items(document.RootElement))
        {
            operations.Add(Read(element, reader));
        }

        return operations;
    }

    private static ContentOp Read(JsonElement e, ContentJsonReader reader)
    {
        var type = Str(e, "op_type");
        return type switch
        {
            "append_rows" => new AppendRowsOp(Str(e, "table_id"), [.. ContentJsonReader.Items(e.GetProperty("row_datas")).Select(reader.ReadRow)]),
            "insert_row" => new InsertRowOp(Str(e, "table_id"), Str(e, "row_id"), Str(e, "row_insert_position") == "insert_above", reader.ReadRow(e.GetProperty("row_data"))),
            "modify_rows" => ReadModify(e, reader),
            "delete_rows" => new DeleteRowsOp(Str(e, "table_id"), [.. ContentJsonReader.Items(e.GetProperty("row_ids")).Select(i => i.GetString()!)]),
            "insert_table" => new InsertTableOp(reader.ReadTable(e.GetProperty("table_data"))),
            "rename_table" => new RenameTableOp(Str(e, "table_id"), Str(e, "table_name")),
            "delete_table" => new DeleteTableOp(Str(e, "table_id")),
            "insert_column" => new InsertColumnOp(Str(e, "table_id"), JsonNode.Parse(e.GetProperty("column_data").GetRawText())!.AsObject()),
            "create_link" => new CreateLinkOp(Str(e, "link_id"), Str(e, "table1_id"), Str(e, "table2_id")),
            "add_column_options" => new AddColumnOptionsOp(Str(e, "table_id"), Str(e, "column_key"), JsonNode.Parse(e.GetProperty("options").GetRawText())!.AsArray()),
            "add_link" or "remove_link" => new LinkRowsOp(type == "add_link", Str(e, "link_id"), Str(e, "table1_id"), Str(e, "table2_id"), Str(e, "table1_row_id"), Str(e, "table2_row_id")),
            "add_links" or "remove_links" => LinkPairsOp.Read(e, type == "add_links"),
            "batch_update_links" => UpdateLinksOp.Read(e),
            "lock_rows" or "unlock_rows" => LockRowsOp.Read(e, type == "lock_rows"),
            "insert_view" => new InsertViewOp(Str(e, "table_id"), JsonNode.Parse(e.GetProperty("view_data").GetRawText())!.AsObject()),
            "delete_view" => new DeleteViewOp(Str(e, "table_id"), Str(e, "view_id")),
            _ when ModifyViewOp.Types.Contains(type) => ModifyViewOp.Read(type, e),
            "move_column" => new MoveColumnOp(Str(e, "table_id"), Str(e, "moved_column_key"), Str(e, "target_column_key")),
            "delete_column" => new DeleteColumnOp(Str(e, "table_id"), Str(e, "column_key")),
            _ when ColumnChangeOp.OpTypes.Contains(type) => ColumnChangeOp.Read(e, type, Str(e, "table_id"), Str(e, "column_key")),
            _ => throw new ContentFormatException($"Unknown operation {type} in the log."),
        };
    }

    private static ModifyRowsOp ReadModify(JsonElement e, ContentJsonReader reader)
    {
        string? modifier = null;
        long modifiedAt = 0;
        var changes = new List<RowChange>();
        foreach (var row in e.GetProperty("updated").EnumerateObject())
        {
            var cells = new List<CellUpdate>();
            foreach (var cell in row.Value.EnumerateObject())
            {
                switch (cell.Name)
                {
                    case "_last_modifier":
                        modifier = reader.Intern(cell.Value.GetString());
                        break;
                    case "_mtime":
                        modifiedAt = RowTimes.Parse(cell.Value.GetString()) ?? 0;
                        break;
                    default:
                        cells.Add(new CellUpdate(cell.Name, cell.Value.ValueKind == JsonValueKind.Null ? null : JsonSerializer.SerializeToUtf8Bytes(cell.Value)));
                        break;
                }
            }

            changes.Add(new RowChange(row.Name, cells));
        }

        return new ModifyRowsOp(Str(e, "table_id"), modifier ?? "", modifiedAt, changes);
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ContentFormatException($"Operation without \"{name}\".");
}

/// <summary>Stored payloads are JSON, or gzip-compressed JSON (told apart by gzip's magic bytes).</summary>
internal static class Payloads
{
    public static Stream Open(byte[] payload) =>
        payload.Length > 2 && payload[0] == 0x1f && payload[1] == 0x8b
            ? new GZipStream(new MemoryStream(payload), CompressionMode.Decompress)
            : new MemoryStream(payload);
}
