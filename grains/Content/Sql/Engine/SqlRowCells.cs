using System.Text.Json;
using SeaTable.Grains.Content.Model;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// The cells a result row writes, found in one pass over each row's JSON instead of one search per column
/// (SELECT * of 15 columns searched the row 15 times). Only for sources with several such columns.
/// </summary>
internal sealed class SqlRowCells
{
    private const int OnePassFrom = 3;
    private readonly List<SqlOutputColumn> _columns;
    private readonly int[][] _bySource;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly bool[] _use;

    public SqlRowCells(List<SqlOutputColumn> columns, int sources)
    {
        _columns = columns;
        _start = new int[columns.Count];
        _length = new int[columns.Count];
        _use = new bool[columns.Count];
        _bySource = new int[sources][];
        for (var s = 0; s < sources; s++)
        {
            var indexes = Enumerable.Range(0, columns.Count).Where(c => columns[c].Cell is { WritesCell: true } && columns[c].Source == s).ToArray();
            _bySource[s] = indexes.Length >= OnePassFrom ? indexes : [];
            foreach (var c in _bySource[s])
            {
                _use[c] = true;
            }
        }
    }

    public bool Has(int column) => _use[column];

    public ReadOnlySpan<byte> Raw(int column, ContentRow row) =>
        _length[column] == 0 ? [] : row.Cells.AsSpan(_start[column], _length[column]);

    public void Find(ContentRow?[] rows)
    {
        for (var s = 0; s < _bySource.Length; s++)
        {
            var wanted = _bySource[s];
            if (wanted.Length == 0)
            {
                continue;
            }

            foreach (var c in wanted)
            {
                _length[c] = 0;
            }

            if (rows[s] is not { } row)
            {
                continue;
            }

            var reader = new Utf8JsonReader(row.Cells);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var first = -1;
                for (var i = 0; i < wanted.Length && first < 0; i++)
                {
                    if (_length[wanted[i]] == 0 && reader.ValueTextEquals(_columns[wanted[i]].Cell!.Utf8Key))
                    {
                        first = i;
                    }
                }

                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (first < 0)
                {
                    continue;
                }

                // Every column of that key (one selected twice, under another alias) takes the cell.
                var key = _columns[wanted[first]].Cell!.Utf8Key;
                for (var i = first; i < wanted.Length; i++)
                {
                    if (_columns[wanted[i]].Cell!.Utf8Key.AsSpan().SequenceEqual(key))
                    {
                        _start[wanted[i]] = start;
                        _length[wanted[i]] = (int)reader.BytesConsumed - start;
                    }
                }
            }
        }
    }
}
