using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Model.Filters;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain
{
    Task<ContentReply> IBaseContentGrain.GetBase() =>
        Read(content => new ContentReply(ContentError.None, Json: Json(w => ContentJsonWriter.WriteContent(w, content))));

    Task<ContentReply> IBaseContentGrain.GetMetadata() =>
        Read(content => new ContentReply(ContentError.None, Json: Json(w => ContentJsonWriter.WriteMetadata(w, content))));

    Task<ContentReply> IBaseContentGrain.ListViews(string tableName) =>
        Read(content => content.TableByName(tableName) is { } table
            ? new ContentReply(ContentError.None, Json: Json(w => table.Views.WriteTo(w)))
            : ContentReply.Fail(ContentError.TableNotFound, tableName));

    Task<ContentReply> IBaseContentGrain.ListColumns(string tableName, string? viewName) => Read(content =>
    {
        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (viewName is not null)
        {
            if (table.ViewByName(viewName) is not { } view)
            {
                return ContentReply.Fail(ContentError.ViewNotFound, viewName);
            }

            hidden.UnionWith((view["hidden_columns"] as JsonArray ?? []).Select(k => k?.ToString() ?? ""));
        }

        return new ContentReply(ContentError.None, Json: Json(w =>
        {
            w.WriteStartArray();
            foreach (var column in table.Columns.Where(c => !hidden.Contains(c.Key)))
            {
                column.Definition.WriteTo(w);
            }

            w.WriteEndArray();
        }));
    });

    Task<ContentReply> IBaseContentGrain.ListRows(RowQuery query) => ListRowsCore(query, fill: false);

    /// <summary>A page of rows; <paramref name="fill"/> writes them as the API gateway does (every column, lock fields).</summary>
    private Task<ContentReply> ListRowsCore(RowQuery query, bool fill) => Read(content =>
    {
        if (content.TableByName(query.TableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, query.TableName);
        }

        IEnumerable<ContentRow> rows = table.Rows.InOrder;
        var sorts = new List<(ContentColumn Column, bool Descending)>();
        if (query.ViewName is not null)
        {
            if (table.ViewByName(query.ViewName) is not { } view)
            {
                return ContentReply.Fail(ContentError.ViewNotFound, query.ViewName);
            }

            rows = ViewFilter.Apply(view, new FilterContext(content, table, query.CurrentUser, Today()), rows);
            sorts.AddRange(ViewSorts(view, table));
        }

        if (query.OrderBy is not null)
        {
            if (table.ColumnByNameOrKey(query.OrderBy) is not { } column)
            {
                return ContentReply.Fail(ContentError.ColumnNotFound, query.OrderBy);
            }

            sorts.Insert(0, (column, query.Descending));
        }

        rows = RowSorter.Sort(rows, sorts);
        var page = rows.Skip(query.Start).Take(query.Limit);
        var presenter = new RowPresenter(content, table, query.ByName, query.ConvertLinkId, fill);
        return new ContentReply(ContentError.None, Json: Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("rows");
            foreach (var row in page)
            {
                presenter.Write(w, row);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    });

    Task<ContentReply> IBaseContentGrain.GetRow(string tableName, string rowId, bool byName, bool convertLinkId) =>
        GetRowCore(tableName, rowId, byName, convertLinkId, fill: false);

    private Task<ContentReply> GetRowCore(string tableName, string rowId, bool byName, bool convertLinkId, bool fill) => Read(content =>
    {
        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        if (table.Rows.Find(rowId) is not { } row)
        {
            return ContentReply.Fail(ContentError.RowNotFound, rowId);
        }

        var presenter = new RowPresenter(content, table, byName, convertLinkId, fill);
        return new ContentReply(ContentError.None, Json: Json(w => presenter.Write(w, row)));
    });

    private Task<ContentReply> Read(Func<BaseContent, ContentReply> read) =>
        Task.FromResult(_content is { } content ? read(content) : ContentReply.Fail(ContentError.NoContent));

    /// <summary>The view's sorts (column_key, sort_type "up"/"down"), skipping columns that no longer exist.</summary>
    private static IEnumerable<(ContentColumn Column, bool Descending)> ViewSorts(JsonObject view, ContentTable table) =>
        (view["sorts"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => (Column: table.ColumnByKey(s["column_key"]?.ToString() ?? ""), Descending: s["sort_type"]?.ToString() == "down"))
            .Where(s => s.Column is not null)
            .Select(s => (s.Column!, s.Descending));
}
