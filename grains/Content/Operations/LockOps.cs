using System.Text.Json;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>
/// Rows locked ("lock_rows": the system fields _locked true and _locked_by) or unlocked ("unlock_rows": both
/// fields removed). A lock is no edit: _mtime and _last_modifier stay.
/// </summary>
internal sealed record LockRowsOp(string TableId, bool Lock, string LockedBy, IReadOnlyList<string> RowIds) : ContentOp
{
    private static readonly byte[] True = "true"u8.ToArray();

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", Lock ? "lock_rows" : "unlock_rows");
        writer.WriteString("table_id", TableId);
        WriteStrings(writer, "row_ids", RowIds);
        writer.WriteString("locked_by", LockedBy);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        CellUpdate[] cells = Lock
            ? [new CellUpdate(RowLocks.Locked, True), new CellUpdate(RowLocks.LockedBy, JsonSerializer.SerializeToUtf8Bytes(LockedBy))]
            : [new CellUpdate(RowLocks.Locked, null), new CellUpdate(RowLocks.LockedBy, null)];
        foreach (var id in RowIds)
        {
            if (table.Rows.Find(id) is { } row)
            {
                row.Cells = RowCells.Merge(row.Cells, cells, buffer);
            }
        }
    }

    public static LockRowsOp Read(JsonElement e, bool locking) => new(LinkOpText.Str(e, "table_id"), locking,
        e.TryGetProperty("locked_by", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString()! : "",
        [.. ContentJsonReader.Items(e.GetProperty("row_ids")).Select(i => i.GetString()!)]);
}

/// <summary>The lock fields of a row, kept among its cells as system fields (as content.json has them).</summary>
internal static class RowLocks
{
    public const string Locked = "_locked";
    public const string LockedBy = "_locked_by";

    public static bool IsLocked(ContentRow row) => RowCells.Find(row.Cells, Locked).SequenceEqual("true"u8);
}
