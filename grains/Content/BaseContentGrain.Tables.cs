using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    async Task<ContentReply> IBaseContentGrain.AddTable(string tableName, string? columnsJson)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (string.IsNullOrWhiteSpace(tableName))
        {
            return ContentReply.Fail(ContentError.ParamsInvalid);
        }

        if (content.TableByName(tableName) is not null)
        {
            return ContentReply.Fail(ContentError.TableExists, tableName);
        }

        if (content.Tables.Count >= Limits.MaxTables)
        {
            return ContentReply.Fail(ContentError.LimitExceeded, $"A base holds at most {Limits.MaxTables} tables.");
        }

        var table = new ContentTable(RowIds.NewShort(id => content.TableById(id) is not null), tableName)
        {
            Extras = new JsonObject
            {
                ["views"] = new JsonArray { DefaultContent.NewView("0000", "Default View") },
                ["view_structure"] = new JsonObject { ["folders"] = new JsonArray(), ["view_ids"] = new JsonArray { "0000" } },
                ["id_row_map"] = new JsonObject(),
            },
        };
        var operations = new List<ContentOp> { new InsertTableOp(table) };
        if (string.IsNullOrWhiteSpace(columnsJson) || columnsJson.Trim() == "[]")
        {
            table.Columns.Add(NewColumn("0000", "Name", ColumnTypes.Text, null));
        }
        else if (AddColumns(content, table, columnsJson, operations) is { } failure)
        {
            return failure;
        }

        await CommitAsync(operations);
        return new ContentReply(ContentError.None, Json: Json(w => ContentJsonWriter.WriteTable(w, table, includeRows: false)));
    }

    async Task<ContentReply> IBaseContentGrain.RenameTable(string tableName, string newName)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        if (string.IsNullOrWhiteSpace(newName))
        {
            return ContentReply.Fail(ContentError.ParamsInvalid);
        }

        if (newName != tableName && content.TableByName(newName) is not null)
        {
            return ContentReply.Fail(ContentError.TableExists, newName);
        }

        if (newName != tableName)
        {
            await CommitAsync([new RenameTableOp(table.Id, newName)]);
        }

        return new ContentReply(ContentError.None);
    }

    async Task<ContentReply> IBaseContentGrain.DeleteTable(string tableName)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        await CommitAsync([new DeleteTableOp(table.Id)]);
        return new ContentReply(ContentError.None);
    }

    /// <summary>
    /// The columns of a new table as the table API sends them ({column_name, column_type, column_data}). A
    /// link column (column_data.other_table) also creates the link and the column on the other table.
    /// </summary>
    private ContentReply? AddColumns(BaseContent content, ContentTable table, string columnsJson, List<ContentOp> operations)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(columnsJson);
        }
        catch (JsonException)
        {
            return ContentReply.Fail(ContentError.ParamsInvalid, "columns invalid");
        }

        using (document)
        {
            var columns = ContentJsonReader.Items(document.RootElement).ToList();
            if (document.RootElement.ValueKind != JsonValueKind.Array || columns.Count > Limits.MaxColumns)
            {
                return ContentReply.Fail(ContentError.ParamsInvalid, "columns invalid");
            }

            foreach (var column in columns)
            {
                var name = column.ValueKind == JsonValueKind.Object && column.TryGetProperty("column_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
                var type = column.ValueKind == JsonValueKind.Object && column.TryGetProperty("column_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : ColumnTypes.Text;
                if (name.Length == 0 || table.ColumnByName(name) is not null || !ColumnTypes.Known.Contains(type))
                {
                    return ContentReply.Fail(ContentError.ParamsInvalid, $"column {name} invalid");
                }

                var data = column.TryGetProperty("column_data", out var d) && d.ValueKind == JsonValueKind.Object ? JsonNode.Parse(d.GetRawText())!.AsObject() : null;
                var key = RowIds.NewShort(k => table.ColumnByKey(k) is not null);
                if (type == ColumnTypes.Link)
                {
                    var otherName = data?["other_table"]?.ToString();
                    if (otherName is null || content.TableByName(otherName) is not { } other)
                    {
                        return ContentReply.Fail(ContentError.TableNotFound, otherName ?? "");
                    }

                    var linkId = RowIds.NewShort(id => content.LinkById(id) is not null || operations.OfType<CreateLinkOp>().Any(l => l.LinkId == id));
                    data = new JsonObject
                    {
                        ["link_id"] = linkId, ["table_id"] = table.Id, ["other_table_id"] = other.Id,
                        ["display_column_key"] = other.Columns.FirstOrDefault()?.Key,
                    };
                    operations.Add(new CreateLinkOp(linkId, table.Id, other.Id));
                    var reverseName = table.Name;
                    for (var i = 1; other.ColumnByName(reverseName) is not null; i++)
                    {
                        reverseName = $"{table.Name} ({i})";
                    }

                    var reverseKey = RowIds.NewShort(k => other.ColumnByKey(k) is not null || operations.OfType<InsertColumnOp>().Any(c => c.TableId == other.Id && c.Column["key"]?.ToString() == k));
                    operations.Add(new InsertColumnOp(other.Id, NewColumn(reverseKey, reverseName, ColumnTypes.Link, new JsonObject
                    {
                        ["link_id"] = linkId, ["table_id"] = other.Id, ["other_table_id"] = table.Id, ["display_column_key"] = "0000",
                    }).Definition));
                }

                table.Columns.Add(NewColumn(key, name, type, data));
            }

            return null;
        }
    }

    private static ContentColumn NewColumn(string key, string name, string type, JsonObject? data)
    {
        var definition = new JsonObject
        {
            ["key"] = key, ["name"] = name, ["type"] = type, ["width"] = 200, ["editable"] = true, ["resizable"] = true,
        };
        if (data is not null)
        {
            definition["data"] = data;
        }

        return new ContentColumn(definition);
    }
}
