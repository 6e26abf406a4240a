using System.Text.Json.Nodes;

namespace SeaTable.Grains.Content.Model;

/// <summary>
/// A base's content in memory, the shape of SeaTable's content.json (reference 7.5): tables with columns,
/// rows and views, the links between tables, and the other top-level members kept as they are.
/// </summary>
internal sealed class BaseContent
{
    /// <summary>The content.json format this server writes.</summary>
    public const int FormatVersion = 9;

    /// <summary>The number of the last operation applied (content.json "version").</summary>
    public long Version { get; set; }

    public List<ContentTable> Tables { get; } = [];

    public List<ContentLink> Links { get; } = [];

    /// <summary>The other top-level members (description, settings, collaborators, scripts, ...).</summary>
    public JsonObject Extras { get; init; } = [];

    public long RowCount => Tables.Sum(t => (long)t.Rows.Count);

    public ContentTable? TableByName(string name) => Tables.Find(t => t.Name == name);

    public ContentTable? TableById(string id) => Tables.Find(t => t.Id == id);

    public ContentLink? LinkById(string id) => Links.Find(l => l.Id == id);
}
