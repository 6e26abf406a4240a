using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// What an expression is evaluated on: one row of each source (one for a single table, one per table of a
/// join), or a group's first rows and its aggregate values. Cells read once per tuple are kept, so a column
/// used in WHERE, ORDER BY and the select list is decoded once.
/// </summary>
internal sealed class SqlTuple(int sources, int slots)
{
    private readonly SqlValue[] _values = new SqlValue[slots];
    private readonly int[] _stamps = new int[slots];
    private int _stamp = 1;

    public ContentRow[] Rows { get; } = new ContentRow[sources];

    /// <summary>The row's place in its table, for the decoded columns (<see cref="SqlVectors"/>); -1 when not known.</summary>
    public int Index { get; private set; } = -1;

    /// <summary>The aggregates of the group being evaluated (HAVING, ORDER BY and the select list of a grouped query).</summary>
    public SqlValue[] Aggregates { get; set; } = [];

    /// <summary>Starts a new tuple: kept cells are forgotten.</summary>
    public void Reset()
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    public void Set(ContentRow[] rows)
    {
        Array.Copy(rows, Rows, Rows.Length);
        Index = -1;
        Reset();
    }

    /// <summary>The row of a single table, at its index in the table's order (-1: not known).</summary>
    public void Set(ContentRow row, int index = -1)
    {
        Rows[0] = row;
        Index = index;
        Reset();
    }

    public SqlValue Read(int slot, int source, SqlField field)
    {
        if (_stamps[slot] == _stamp)
        {
            return _values[slot];
        }

        // A grouped statement over no rows has one group with no first row: its columns are NULL.
        var value = field.Vector is { } vector && Index >= 0 ? vector[Index]
            : Rows[source] is { } row ? field.Read(row)
            : SqlValue.Null;
        _values[slot] = value;
        _stamps[slot] = _stamp;
        return value;
    }
}

/// <summary>An expression compiled for a statement.</summary>
internal delegate SqlValue SqlEvaluator(SqlTuple tuple);
