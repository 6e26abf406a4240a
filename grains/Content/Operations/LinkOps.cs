using System.Text.Json;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>A pair of linked rows: row 1 in table1 of the link, row 2 in table2.</summary>
internal readonly record struct LinkPair(string Table1RowId, string Table2RowId);

/// <summary>
/// Several pairs of rows linked ("add_links") or unlinked ("remove_links") at once: the batch forms of links/
/// (other_rows_ids_map). Only pairs that change are logged.
/// </summary>
internal sealed record LinkPairsOp(bool Add, string LinkId, string Table1Id, string Table2Id, IReadOnlyList<LinkPair> Pairs) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", Add ? "add_links" : "remove_links");
        writer.WriteString("link_id", LinkId);
        writer.WriteString("table1_id", Table1Id);
        writer.WriteString("table2_id", Table2Id);
        writer.WriteStartArray("links");
        foreach (var pair in Pairs)
        {
            writer.WriteStartObject();
            writer.WriteString("table1_row_id", pair.Table1RowId);
            writer.WriteString("table2_row_id", pair.Table2RowId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        if (content.LinkById(LinkId) is not { } link)
        {
            return;
        }

        foreach (var pair in Pairs)
        {
            if (Add)
            {
                link.Add(pair.Table1RowId, pair.Table2RowId);
            }
            else
            {
                link.Remove(pair.Table1RowId, pair.Table2RowId);
            }
        }
    }

    public static LinkPairsOp Read(JsonElement e, bool add) => new(add, LinkOpText.Str(e, "link_id"), LinkOpText.Str(e, "table1_id"), LinkOpText.Str(e, "table2_id"),
        [.. ContentJsonReader.Items(e.GetProperty("links")).Select(l => new LinkPair(LinkOpText.Str(l, "table1_row_id"), LinkOpText.Str(l, "table2_row_id")))]);
}

/// <summary>
/// Rows' links replaced ("batch_update_links", the shape of SeaTable's batch-update-links/ body): each listed
/// row of <see cref="TableId"/> links exactly to its ids of the other table afterwards.
/// </summary>
internal sealed record UpdateLinksOp(string LinkId, string TableId, string OtherTableId, IReadOnlyList<LinkRows> Rows) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "batch_update_links");
        writer.WriteString("link_id", LinkId);
        writer.WriteString("table_id", TableId);
        writer.WriteString("other_table_id", OtherTableId);
        WriteStrings(writer, "row_id_list", Rows.Select(r => r.RowId));
        writer.WriteStartObject("other_rows_ids_map");
        foreach (var row in Rows)
        {
            WriteStrings(writer, row.RowId, row.OtherRowIds);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        if (content.LinkById(LinkId) is not { } link)
        {
            return;
        }

        foreach (var row in Rows)
        {
            link.Replace(TableId, row.RowId, row.OtherRowIds);
        }
    }

    public static UpdateLinksOp Read(JsonElement e)
    {
        var map = e.GetProperty("other_rows_ids_map");
        var rows = ContentJsonReader.Items(e.GetProperty("row_id_list")).Select(i => i.GetString()!)
            .Select(id => new LinkRows(id, map.TryGetProperty(id, out var others) ? [.. ContentJsonReader.Items(others).Select(o => o.GetString()!)] : []))
            .ToList();
        return new UpdateLinksOp(LinkOpText.Str(e, "link_id"), LinkOpText.Str(e, "table_id"), LinkOpText.Str(e, "other_table_id"), rows);
    }
}

internal static class LinkOpText
{
    public static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ContentFormatException($"Operation without \"{name}\".");
}
