namespace SeaTable.Grains.Content.Model;

/// <summary>A table's rows in their order, with a lookup by id.</summary>
internal sealed class RowList
{
    private readonly List<ContentRow> _rows = [];
    private readonly Dictionary<string, ContentRow> _byId = new(StringComparer.Ordinal);

    public int Count => _rows.Count;

    public IReadOnlyList<ContentRow> InOrder => _rows;

    public ContentRow? Find(string id) => _byId.GetValueOrDefault(id);

    public bool Contains(string id) => _byId.ContainsKey(id);

    public void Add(ContentRow row)
    {
        _byId.Add(row.Id, row);
        _rows.Add(row);
    }

    /// <summary>Inserts next to the anchor row, or at the end when the anchor is gone.</summary>
    public void Insert(ContentRow row, string anchorId, bool above)
    {
        var anchor = _byId.GetValueOrDefault(anchorId);
        var index = anchor is null ? -1 : _rows.IndexOf(anchor);
        _byId.Add(row.Id, row);
        if (index < 0)
        {
            _rows.Add(row);
        }
        else
        {
            _rows.Insert(above ? index : index + 1, row);
        }
    }

    /// <summary>Removes the rows with these ids in one pass; returns how many there were.</summary>
    public int Remove(IReadOnlyCollection<string> ids)
    {
        var removed = 0;
        foreach (var id in ids)
        {
            if (_byId.Remove(id))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            _rows.RemoveAll(r => !_byId.ContainsKey(r.Id));
        }

        return removed;
    }
}
