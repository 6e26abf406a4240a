using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Operations;
using static SeaTable.Grains.Content.Model.Columns.ColumnRefusals;

namespace SeaTable.Grains.Content.Model.Columns;

/// <summary>A column to add ({column_name, column_type, column_data}) as the operations that add it, checked first.</summary>
internal static class NewColumns
{
    /// <summary>
    /// The operations that add one column ({column_name, column_type, column_data}); for a link column also
    /// the link and the other table's column. Null (and pending.Failure set) when the column is refused.
    /// </summary>
    public static JsonObject? Operations(BaseContent content, ContentTable table, JsonElement spec, PendingColumns pending, List<ContentOp> operations)
    {
        JsonObject? Fail(ContentReply reply)
        {
            pending.Failure = reply;
            return null;
        }

        if (spec.ValueKind != JsonValueKind.Object)
        {
            return Fail(Invalid("columns invalid."));
        }

        var name = spec.TryGetProperty("column_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
        if (name.Length == 0)
        {
            return Fail(Invalid("column_name invalid."));
        }

        var type = spec.TryGetProperty("column_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : ColumnTypes.Text;
        if (!ColumnTypes.Known.Contains(type))
        {
            return Fail(Invalid(ColumnTypeInvalid));
        }

        if (pending.NameTaken(table, name))
        {
            return Fail(Invalid($"column_name {name} exists."));
        }

        JsonObject? sent = null;
        if (spec.TryGetProperty("column_data", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind != JsonValueKind.Object)
            {
                return Fail(Invalid(ColumnDefinitions.DataInvalid));
            }

            sent = JsonNode.Parse(d.GetRawText())!.AsObject();
        }

        if (ColumnDefinitions.Normalize(type, sent, out var data) is { } error)
        {
            return Fail(Invalid(error));
        }

        var key = pending.NewKey(table);
        if (type == ColumnTypes.Link)
        {
            // column_data names the other table ("other_table", by name or id); "table" is this one.
            var otherName = sent is null ? null : ColumnDefinitions.Text(sent, "other_table") ?? ColumnDefinitions.Text(sent, "other_table_id");
            if (otherName is null)
            {
                return Fail(Invalid(ColumnDefinitions.DataInvalid));
            }

            if ((content.TableByName(otherName) ?? content.TableById(otherName)) is not { } other)
            {
                return Fail(ContentReply.Fail(ContentError.TableNotFound, otherName));
            }

            if (other.Id == table.Id)
            {
                return Fail(Invalid("A link to the same table is not supported."));
            }

            var linkId = pending.NewLinkId(content);
            data = new JsonObject
            {
                ["link_id"] = linkId, ["table_id"] = table.Id, ["other_table_id"] = other.Id,
                ["display_column_key"] = other.Columns.FirstOrDefault()?.Key,
                ["is_internal_link"] = true,
            };
            operations.Add(new CreateLinkOp(linkId, table.Id, other.Id));
            var reverseName = table.Name;
            for (var i = 1; pending.NameTaken(other, reverseName); i++)
            {
                reverseName = $"{table.Name} ({i})";
            }

            pending.Take(other, reverseName);
            operations.Add(new InsertColumnOp(other.Id, ColumnDefinitions.New(pending.NewKey(other), reverseName, ColumnTypes.Link, new JsonObject
            {
                ["link_id"] = linkId, ["table_id"] = other.Id, ["other_table_id"] = table.Id,
                ["display_column_key"] = table.Columns.FirstOrDefault()?.Key, ["is_internal_link"] = true,
            })));
        }
        else if (type == "link-formula" && data is not null && ColumnDefinitions.Text(data, "link_column_key") is { } linkKey
                 && table.ColumnByKey(linkKey) is not { Type: ColumnTypes.Link })
        {
            return Fail(ContentReply.Fail(ContentError.ColumnNotFound, linkKey));
        }

        pending.Take(table, name);
        if (type == "auto-number" && table.Rows.Count > 0)
        {
            // The rows already there are numbered in their order, as SeaTable numbers them.
            var numbers = AutoNumbering.Number(table, data!);
            var column = ColumnDefinitions.New(key, name, type, data);
            operations.Add(new InsertColumnOp(table.Id, column));
            operations.Add(new ColumnChangeOp("modify_column_data", table.Id, key, column, numbers));
            return column;
        }

        var created = ColumnDefinitions.New(key, name, type, data);
        operations.Add(new InsertColumnOp(table.Id, created));
        return created;
    }
}
