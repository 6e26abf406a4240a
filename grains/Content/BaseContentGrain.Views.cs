using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Model.Filters;
using SeaTable.Grains.Content.Operations;

namespace SeaTable.Grains.Content;

public sealed partial class BaseContentGrain : IBaseViewsGrain
{
    /// <summary>View types dtable-server creates through the API.</summary>
    private static readonly HashSet<string> ViewTypes = new(StringComparer.Ordinal) { "table", "archive" };

    Task<ContentReply> IBaseViewsGrain.GetView(string tableName, string viewName) => Read(content =>
        content.TableByName(tableName) is not { } table ? ContentReply.Fail(ContentError.TableNotFound, tableName)
        : table.ViewByName(viewName) is not { } view ? ContentReply.Fail(ContentError.ViewNotFound, viewName)
        : new ContentReply(ContentError.None, Json: Json(w => view.WriteTo(w))));

    async Task<ContentReply> IBaseViewsGrain.AddView(AddViewCommand command)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(command.TableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, command.TableName);
        }

        var name = command.Name.Trim();
        if (name.Length == 0)
        {
            return ContentReply.Fail(ContentError.ViewInvalid, "name invalid.");
        }

        var type = string.IsNullOrEmpty(command.Type) ? "table" : command.Type;
        if (!ViewTypes.Contains(type))
        {
            return ContentReply.Fail(ContentError.ViewInvalid, "type invalid.");
        }

        if (table.ViewByName(name) is not null)
        {
            return ContentReply.Fail(ContentError.ViewExists, name);
        }

        var view = DefaultContent.NewView(RowIds.NewShort(id => ViewLists.ById(table, id) is not null), name);
        view["type"] = type;
        view["is_locked"] = command.IsLocked;
        await CommitAsync([new InsertViewOp(table.Id, view)]);
        return new ContentReply(ContentError.None, Json: Json(w => view.WriteTo(w)));
    }

    async Task<ContentReply> IBaseViewsGrain.UpdateView(string tableName, string viewName, string updatesJson)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        if (table.ViewByName(viewName) is not { } view)
        {
            return ContentReply.Fail(ContentError.ViewNotFound, viewName);
        }

        JsonObject? updates;
        try
        {
            updates = JsonNode.Parse(updatesJson) as JsonObject;
        }
        catch (JsonException)
        {
            updates = null;
        }

        if (updates is null)
        {
            return ContentReply.Fail(ContentError.ParamsInvalid);
        }

        List<(string OpType, JsonObject Fields)> changes;
        try
        {
            changes = ViewUpdates.Parse(updates, view, new FilterContext(content, table, null, Today()));
        }
        catch (ViewUpdateException e)
        {
            return ContentReply.Fail(e.Error, e.Message);
        }

        var viewId = view["_id"]!.GetValue<string>();
        if (changes.Count > 0)
        {
            await CommitAsync([.. changes.Select(c => new ModifyViewOp(c.OpType, table.Id, viewId, c.Fields))]);
        }

        return new ContentReply(ContentError.None, Json: Json(w => view.WriteTo(w)));
    }

    async Task<ContentReply> IBaseViewsGrain.DeleteView(string tableName, string viewName)
    {
        if (_content is not { } content)
        {
            return ContentReply.Fail(ContentError.NoContent);
        }

        if (content.TableByName(tableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, tableName);
        }

        if (table.ViewByName(viewName) is not { } view)
        {
            return ContentReply.Fail(ContentError.ViewNotFound, viewName);
        }

        if (table.Views.Count <= 1)
        {
            return ContentReply.Fail(ContentError.LastView, viewName);
        }

        await CommitAsync([new DeleteViewOp(table.Id, view["_id"]!.GetValue<string>())]);
        return new ContentReply(ContentError.None);
    }

    Task<ContentReply> IBaseViewsGrain.FilterRows(FilterRowsQuery query) => Read(content =>
    {
        if (content.TableByName(query.TableName) is not { } table)
        {
            return ContentReply.Fail(ContentError.TableNotFound, query.TableName);
        }

        var context = new FilterContext(content, table, query.CurrentUser, Today());
        if (ViewFilter.IsOr(query.Conjunction) is not { } any)
        {
            return ContentReply.Fail(ContentError.ViewInvalid, FilterErrors.InvalidConjunction);
        }

        List<RowFilter> filters;
        try
        {
            filters = JsonNode.Parse(query.FiltersJson) is JsonArray array
                ? ViewFilter.Compile(array, context)
                : throw new FilterException(FilterErrors.InvalidFilters);
        }
        catch (FilterException e)
        {
            return ContentReply.Fail(ContentError.ViewInvalid, e.Message);
        }
        catch (JsonException)
        {
            return ContentReply.Fail(ContentError.ViewInvalid, FilterErrors.InvalidFilters);
        }

        IEnumerable<ContentRow> rows = table.Rows.InOrder;
        var sorts = new List<(ContentColumn Column, bool Descending)>();
        if (query.ViewName is not null)
        {
            if (table.ViewByName(query.ViewName) is not { } view)
            {
                return ContentReply.Fail(ContentError.ViewNotFound, query.ViewName);
            }

            rows = ViewFilter.Apply(view, context, rows);
            sorts.AddRange(ViewSorts(view, table));
        }

        rows = RowSorter.Sort(ViewFilter.Apply(filters, any, rows), sorts);
        var presenter = new RowPresenter(content, table, query.ByName, convertLinkId: false);
        return new ContentReply(ContentError.None, Json: Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("rows");
            foreach (var row in rows)
            {
                presenter.Write(w, row);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    });

    /// <summary>The date relative filters count from: the server's UTC day.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
