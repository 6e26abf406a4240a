namespace SeaTable.Grains.Content.Model;

/// <summary>A link between two tables (content.json "links"): which rows of one link to which of the other.</summary>
internal sealed class ContentLink(string id, string table1Id, string table2Id)
{
    public string Id { get; } = id;

    public string Table1Id { get; } = table1Id;

    public string Table2Id { get; } = table2Id;

    public Dictionary<string, List<string>> Table1ToTable2 { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> Table2ToTable1 { get; } = new(StringComparer.Ordinal);

    /// <summary>The linked rows of a row, seen from the given table.</summary>
    public IReadOnlyList<string> Linked(string tableId, string rowId)
    {
        var map = tableId == Table1Id ? Table1ToTable2 : Table2ToTable1;
        return map.TryGetValue(rowId, out var ids) ? ids : [];
    }

    public bool Add(string row1Id, string row2Id)
    {
        var added = AddTo(Table1ToTable2, row1Id, row2Id);
        AddTo(Table2ToTable1, row2Id, row1Id);
        return added;
    }

    public bool Remove(string row1Id, string row2Id)
    {
        var removed = RemoveFrom(Table1ToTable2, row1Id, row2Id);
        RemoveFrom(Table2ToTable1, row2Id, row1Id);
        return removed;
    }

    /// <summary>
    /// Makes a row's links (seen from the given table) exactly <paramref name="others"/>, in that order, on both
    /// sides. In a link of a table to itself the row is taken as a row of table 1.
    /// </summary>
    public void Replace(string tableId, string rowId, IReadOnlyList<string> others)
    {
        var (own, back) = tableId == Table1Id ? (Table1ToTable2, Table2ToTable1) : (Table2ToTable1, Table1ToTable2);
        if (own.Remove(rowId, out var old))
        {
            foreach (var otherId in old)
            {
                RemoveFrom(back, otherId, rowId);
            }
        }

        foreach (var otherId in others)
        {
            AddTo(own, rowId, otherId);
            AddTo(back, otherId, rowId);
        }
    }

    /// <summary>Forgets deleted rows of a table on both sides.</summary>
    public void RemoveRows(string tableId, IReadOnlyCollection<string> rowIds)
    {
        var (own, other) = tableId == Table1Id ? (Table1ToTable2, Table2ToTable1) : (Table2ToTable1, Table1ToTable2);
        foreach (var rowId in rowIds)
        {
            if (own.Remove(rowId, out var linked))
            {
                foreach (var otherId in linked)
                {
                    RemoveFrom(other, otherId, rowId);
                }
            }
        }
    }

    private static bool AddTo(Dictionary<string, List<string>> map, string from, string to)
    {
        if (!map.TryGetValue(from, out var list))
        {
            list = [];
            map[from] = list;
        }

        if (list.Contains(to, StringComparer.Ordinal))
        {
            return false;
        }

        list.Add(to);
        return true;
    }

    private static bool RemoveFrom(Dictionary<string, List<string>> map, string from, string to)
    {
        if (!map.TryGetValue(from, out var list) || !list.Remove(to))
        {
            return false;
        }

        if (list.Count == 0)
        {
            map.Remove(from);
        }

        return true;
    }
}
