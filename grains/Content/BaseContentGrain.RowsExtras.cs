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
        // Link columns stay with the original: a copy's link would be a new link to the other table, which
        // SeaTable's API does not describe; the other columns keep their keys, so the views still fit.
        foreach (var column in source.Columns.Where(c => c.Type != ColumnTypes.Link))
        {
            copy.Columns.Add(new ContentColumn(column.Definition.DeepClone().AsObject()));
        }

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

                copy.Rows.Add(new ContentRow(id)
                {
                    CreatedAt = row.CreatedAt, ModifiedAt = row.ModifiedAt, Creator = row.Creator, LastModifier = row.LastModifier,
                    Cells = row.Cells,
                });
            }
        }

        await CommitAsync([new InsertTableOp(copy)]);
        return new ContentReply(ContentError.None, Json: Json(w => ContentJsonWriter.WriteTable(w, copy, includeRows: true)));
    }

    Task<ContentReply> IBaseRowsExtrasGrain.ListRowsFilled(RowQuery query) => ListRowsCore(query, fill: true);

    Task<ContentReply> IBaseRowsExtrasGrain.GetRowFilled(string tableName, string rowId, bool byName, bool convertLinkId) =>
        GetRowCore(tableName, rowId, byName, convertLinkId, fill: true);

    Task<ContentReply> IBaseRowsExtrasGrain.AppendRowsReturning(AppendRowsCommand command) => AppendRowsAsync(command, returnAll: true);
}
