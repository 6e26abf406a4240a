
namespace SeaTable.Grains.Content.Model.Columns;

/// <summary>Names and keys the operations of one call have already given out, per table.</summary>
internal sealed class PendingColumns
{
    private readonly Dictionary<string, HashSet<string>> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _links = new(StringComparer.Ordinal);

    public ContentReply? Failure { get; set; }

    public bool NameTaken(ContentTable table, string name) => table.ColumnByName(name) is not null || Names(table).Contains(name);

    public string NewKey(ContentTable table)
    {
        var keys = Of(_keys, table.Id);
        var key = RowIds.NewShort(k => table.ColumnByKey(k) is not null || keys.Contains(k));
        keys.Add(key);
        return key;
    }

    public void Take(ContentTable table, string name) => Names(table).Add(name);

    public string NewLinkId(BaseContent content)
    {
        var id = RowIds.NewShort(i => content.LinkById(i) is not null || _links.Contains(i));
        _links.Add(id);
        return id;
    }

    private HashSet<string> Names(ContentTable table) => Of(_names, table.Id);

    private static HashSet<string> Of(Dictionary<string, HashSet<string>> map, string tableId)
    {
        if (!map.TryGetValue(tableId, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map[tableId] = set;
        }

        return set;
    }
}
