using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>A table: its columns, rows, and everything else content.json keeps for it (views, view_structure ...).</summary>
internal sealed class ContentTable(string id, string name, RowList rows)
{
    public ContentTable(string id, string name)
        : this(id, name, new RowList())
    {
    }

    public string Id { get; } = id;

    public string Name { get; set; } = name;

    public List<ContentColumn> Columns { get; } = [];

    public RowList Rows { get; } = rows;

    /// <summary>The table's other members, written back as they came: views, view_structure, id_row_map ...</summary>
    public JsonObject Extras { get; init; } = [];

    public JsonArray Views => Extras["views"] as JsonArray ?? [];

    public ContentColumn? ColumnByKey(string key) => Columns.Find(c => c.Key == key);

    public ContentColumn? ColumnByName(string name) => Columns.Find(c => c.Name == name);

    /// <summary>A column named so, or else with that key: SeaTable's clients write by name, its scripts also by key.</summary>
    public ContentColumn? ColumnByNameOrKey(string nameOrKey) => ColumnByName(nameOrKey) ?? ColumnByKey(nameOrKey);

    public JsonObject? ViewByName(string name) =>
        Views.OfType<JsonObject>().FirstOrDefault(v => v["name"] is JsonValue n && n.TryGetValue<string>(out var s) && s == name);
}
