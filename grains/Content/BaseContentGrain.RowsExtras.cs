using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    Task<ContentReply> IBaseRowsExtrasGrain.GetTableMetadata(string table) => Read(content =>
        TableByNameOrId(content, table) is { } found
            ? new ContentReply(ContentError.None, Json: Json(w => ContentJsonWriter.WriteTable(w, found, includeRows: false)))
            : ContentReply.Fail(ContentError.TableNotFound, table));

    async Task<ContentReply> IBaseRowsExtrasGrain.DuplicateTable(string table, bool withRecords)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (TableByNameOrId(content, table) is not { } source)
        {
            return ContentReply.Fail(ContentError.TableNotFound, table);
        }

        // SeaTable names the copy "<name>(copy)"; the caller renames it afterwards.
        var name = source.Name + "(copy)";
        if (content.TableByName(name) is not null)
        {
            return ContentReply.Fail(ContentError.TableExists, name);
        }

        if (content.Tables.Count >= Limits.MaxTables)
        {
            return ContentReply.Fail(ContentError.LimitExceeded, $"A base holds at most {Limits.MaxTables} tables.");
        }

        if (withRecords && content.RowCount + source.Rows.Count > Limits.MaxRows)
        {
            return ContentReply.Fail(ContentError.RowsExceeded);
        }

        var extras = source.Extras.DeepClone().AsObject();
        extras["id_row_map"] = new JsonObject();
        var copy = new ContentTable(RowIds.NewShort(id => content.TableById(id) is not null), name) { Extras = extras };
        var operations = new List<ContentOp> { new InsertTableOp(copy) };
        var copiedLinks = new List<(ContentLink Source, string LinkId, string OtherId)>();
        foreach (var column in source.Columns)
        {
            var definition = column.Definition.DeepClone().AsObject();
            if (column.Type == ColumnTypes.Link)
            {
                // A link column of the copy is a new link to the same other table, with its column there, as a
                // link column made by the API gets. A link of the table to itself is not copied.
                if (column.LinkId is not { } linkId || content.LinkById(linkId) is not { } link || link.Table1Id == link.Table2Id)
                {
                    continue;
                }

                var otherId = link.Table1Id == source.Id ? link.Table2Id : link.Table1Id;
                var other = content.TableById(otherId)!;
                var newLinkId = RowIds.NewShort(id => content.LinkById(id) is not null || copiedLinks.Any(c => c.LinkId == id));
                definition["data"] = new JsonObject
                {
                    ["link_id"] = newLinkId, ["table_id"] = copy.Id, ["other_table_id"] = otherId,
                    ["display_column_key"] = column.Data?["display_column_key"]?.DeepClone(),
                };
                operations.Add(new CreateLinkOp(newLinkId, copy.Id, otherId));
                var reverseName = name;
                for (var i = 1; other.ColumnByName(reverseName) is not null; i++)
                {
                    reverseName = $"{name} ({i})";
                }

                var reverseKey = RowIds.NewShort(k => other.ColumnByKey(k) is not null);
                operations.Add(new InsertColumnOp(otherId, NewColumn(reverseKey, reverseName, ColumnTypes.Link, new JsonObject
                {
                    ["link_id"] = newLinkId, ["table_id"] = otherId, ["other_table_id"] = copy.Id,
                    ["display_column_key"] = source.Columns.FirstOrDefault()?.Key,
                }).Definition));
                copiedLinks.Add((link, newLinkId, otherId));
            }

            copy.Columns.Add(new ContentColumn(definition));
        }

        var newIds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (withRecords)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in source.Rows.InOrder)
            {
                string id;
                do
                {
                    id = RowIds.New();
                }
                while (!ids.Add(id));

                newIds[row.Id] = id;
                copy.Rows.Add(new ContentRow(id)
                {
                    CreatedAt = row.CreatedAt, ModifiedAt = row.ModifiedAt, Creator = row.Creator, LastModifier = row.LastModifier,
                    Cells = row.Cells,
                });
            }
        }

        foreach (var (link, linkId, otherId) in copiedLinks)
        {
            // The copy's rows link to the rows the originals link to (with is_duplicate_records).
            var pairs = newIds.SelectMany(n => link.Linked(source.Id, n.Key).Select(o => new LinkPair(n.Value, o))).ToList();
            if (pairs.Count > 0)
            {
                operations.Add(new LinkPairsOp(true, linkId, copy.Id, otherId, pairs));
            }
        }

        await CommitAsync(operations);
        return new ContentReply(ContentError.None, Json: Json(w => ContentJsonWriter.WriteTable(w, copy, includeRows: true)));
    }

    Task<ContentReply> IBaseRowsExtrasGrain.ListRowsFilled(RowQuery query) => ListRowsCore(query, fill: true);

    Task<ContentReply> IBaseRowsExtrasGrain.GetRowFilled(string tableName, string rowId, bool byName, bool convertLinkId) =>
        GetRowCore(tableName, rowId, byName, convertLinkId, fill: true);

    Task<ContentReply> IBaseRowsExtrasGrain.AppendRowsReturning(AppendRowsCommand command) => AppendRowsAsync(command, returnAll: true);
}
