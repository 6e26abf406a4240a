using System.Text.Json;
using System.Text.Json.Nodes;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Operations;

/// <summary>
/// A view added to a table ("insert_view", as dtable-server names it): the whole view, placed last in the
/// table's view_structure.
/// </summary>
internal sealed record InsertViewOp(string TableId, JsonObject View) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "insert_view");
        writer.WriteString("table_id", TableId);
        writer.WritePropertyName("view_data");
        View.WriteTo(writer);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        ViewLists.Views(table).Add(View.DeepClone());
        ViewLists.ViewIds(table).Add(View["_id"]!.GetValue<string>());
    }
}

/// <summary>A view deleted ("delete_view"), also from the view_structure and its folders.</summary>
internal sealed record DeleteViewOp(string TableId, string ViewId) : ContentOp
{
    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", "delete_view");
        writer.WriteString("table_id", TableId);
        writer.WriteString("view_id", ViewId);
        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        var table = TableOf(content, TableId);
        var views = ViewLists.Views(table);
        if (ViewLists.ById(table, ViewId) is { } view)
        {
            views.Remove(view);
        }

        ViewLists.RemoveId(ViewLists.ViewIds(table), ViewId);
        if (table.Extras["view_structure"]?["folders"] is JsonArray folders)
        {
            foreach (var folder in folders.OfType<JsonObject>())
            {
                if (folder["children"] is JsonArray children)
                {
                    foreach (var child in children.OfType<JsonObject>().Where(c => c["view_id"]?.ToString() == ViewId).ToList())
                    {
                        children.Remove(child);
                    }
                }

                if (folder["view_ids"] is JsonArray ids)
                {
                    ViewLists.RemoveId(ids, ViewId);
                }
            }
        }
    }
}

/// <summary>
/// Fields of a view changed, one operation per kind of change as dtable-server logs them: "rename_view"
/// (view_name), "modify_filters" (filters, filter_conjunction), "modify_sorts", "modify_groupbys",
/// "modify_hidden_columns", "modify_view_lock" (is_locked), "modify_view_type" (type). <see cref="Fields"/>
/// holds the view's own member names; a rename is written with SeaTable's "view_name".
/// </summary>
internal sealed record ModifyViewOp(string OpType, string TableId, string ViewId, JsonObject Fields) : ContentOp
{
    public static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "rename_view", "modify_filters", "modify_sorts", "modify_groupbys", "modify_hidden_columns", "modify_view_lock", "modify_view_type",
    };

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op_type", OpType);
        writer.WriteString("table_id", TableId);
        writer.WriteString("view_id", ViewId);
        foreach (var (name, value) in Fields)
        {
            writer.WritePropertyName(OpType == "rename_view" && name == "name" ? "view_name" : name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    public override void Apply(BaseContent content)
    {
        if (ViewLists.ById(TableOf(content, TableId), ViewId) is not { } view)
        {
            return;
        }

        foreach (var (name, value) in Fields)
        {
            view[name] = value?.DeepClone();
        }
    }

    /// <summary>The operation as the log holds it (replay).</summary>
    public static ModifyViewOp Read(string opType, JsonElement element)
    {
        var fields = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is "op_type" or "table_id" or "view_id")
            {
                continue;
            }

            fields[opType == "rename_view" && property.Name == "view_name" ? "name" : property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return new ModifyViewOp(opType, element.GetProperty("table_id").GetString()!, element.GetProperty("view_id").GetString()!, fields);
    }
}

/// <summary>A table's "views" and "view_structure.view_ids", created when an imported table lacks them.</summary>
internal static class ViewLists
{
    public static JsonArray Views(ContentTable table)
    {
        if (table.Extras["views"] is not JsonArray views)
        {
            views = [];
            table.Extras["views"] = views;
        }

        return views;
    }

    public static JsonArray ViewIds(ContentTable table)
    {
        if (table.Extras["view_structure"] is not JsonObject structure)
        {
            structure = new JsonObject { ["folders"] = new JsonArray() };
            table.Extras["view_structure"] = structure;
        }

        if (structure["view_ids"] is not JsonArray ids)
        {
            ids = [];
            structure["view_ids"] = ids;
        }

        return ids;
    }

    public static JsonObject? ById(ContentTable table, string id) =>
        table.Views.OfType<JsonObject>().FirstOrDefault(v => v["_id"] is JsonValue i && i.TryGetValue<string>(out var s) && s == id);

    public static void RemoveId(JsonArray ids, string id)
    {
        foreach (var node in ids.Where(n => n is JsonValue v && v.TryGetValue<string>(out var s) && s == id).ToList())
        {
            ids.Remove(node);
        }
    }
}
