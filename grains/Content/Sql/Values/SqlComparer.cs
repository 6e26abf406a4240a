namespace SeaTable.Grains.Content.Sql.Values;

/// <summary>
/// How values compare: numbers as numbers, dates as times, texts ordinal (case matters, as in
/// SeaTable's SQL, where only ILIKE ignores case), lists item by item. A number and a numeric text compare as numbers; a date and a text that reads as
/// a date compare as dates. Nulls sort first and equal only each other (the engine applies SQL's NULL rules
/// before it asks).
/// </summary>
internal static class SqlComparer
{
    public static int Compare(SqlValue x, SqlValue y)
    {
        if (x.Kind == SqlKind.Null || y.Kind == SqlKind.Null)
        {
            return (x.Kind == SqlKind.Null ? 0 : 1) - (y.Kind == SqlKind.Null ? 0 : 1);
        }

        if (x.Kind == y.Kind)
        {
            return x.Kind switch
            {
                SqlKind.Number or SqlKind.Bool => x.RawNumber.CompareTo(y.RawNumber),
                SqlKind.Date => x.Ticks.CompareTo(y.Ticks),
                SqlKind.Text => string.CompareOrdinal(x.Text, y.Text),
                SqlKind.List => CompareLists(x.Items, y.Items),
                _ => 0,
            };
        }

        if (x.Kind is SqlKind.Number or SqlKind.Bool && y.ToNumber() is { } yn)
        {
            return x.RawNumber.CompareTo(yn);
        }

        if (y.Kind is SqlKind.Number or SqlKind.Bool && x.ToNumber() is { } xn)
        {
            return xn.CompareTo(y.RawNumber);
        }

        if (x.Kind == SqlKind.Date && SqlDates.Parse(y) is { } yd)
        {
            return x.Ticks.CompareTo(yd.Ticks);
        }

        if (y.Kind == SqlKind.Date && SqlDates.Parse(x) is { } xd)
        {
            return xd.Ticks.CompareTo(y.Ticks);
        }

        return string.CompareOrdinal(x.ToText(), y.ToText());
    }

    public static bool Equal(SqlValue x, SqlValue y) => Compare(x, y) == 0;

    /// <summary>A hash consistent with <see cref="Equal"/> for values of one kind (GROUP BY, DISTINCT).</summary>
    public static int Hash(SqlValue value) => value.Kind switch
    {
        SqlKind.Null => 0,
        SqlKind.Number or SqlKind.Bool => value.RawNumber.GetHashCode(),
        SqlKind.Date => value.Ticks.GetHashCode(),
        SqlKind.Text => StringComparer.Ordinal.GetHashCode(value.Text!),
        SqlKind.List => value.Items.Aggregate(17, (h, i) => h * 31 + Hash(i)),
        _ => 0,
    };

    private static int CompareLists(IReadOnlyList<SqlValue> x, IReadOnlyList<SqlValue> y)
    {
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var c = Compare(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Count.CompareTo(y.Count);
    }
}

/// <summary>A comparer for dictionaries and sorts (GROUP BY keys, DISTINCT rows, ORDER BY).</summary>
internal sealed class SqlValueComparer : IComparer<SqlValue>, IEqualityComparer<SqlValue>
{
    public static readonly SqlValueComparer Instance = new();

    public int Compare(SqlValue x, SqlValue y) => SqlComparer.Compare(x, y);

    public bool Equals(SqlValue x, SqlValue y) => SqlComparer.Equal(x, y);

    public int GetHashCode(SqlValue obj) => SqlComparer.Hash(obj);
}
