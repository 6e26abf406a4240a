using System.Text.Json;
using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// Decoded columns of a base's tables, one value per row in the table's order, for statements that read every
/// row (ORDER BY, GROUP BY, aggregates, DISTINCT, UPDATE, DELETE): the second and later such statements on
/// an unchanged base read an array instead of each row's JSON. Valid for one content version (any write
/// drops them all), at most <see cref="MaxVectors"/> at a time; they hold values read from the rows (3 to
/// 4 MB per column of 100,000 rows, so at most some 30 MB for a full base), never a copy of the rows. Kept by the content grain, used by one
/// statement at a time.
/// </summary>
internal sealed class SqlVectors
{
    public const int MaxVectors = 8;
    private readonly Dictionary<(ContentTable Table, string Key), SqlValue[]> _vectors = [];
    private long _version = -1;

    public int Count => _vectors.Count;

    /// <summary>Lets the vectors go (after a write: they would not be used again).</summary>
    public void Clear()
    {
        _vectors.Clear();
        _version = -1;
    }

    /// <summary>Gives each field its vector, decoding the missing ones in one pass over the table's rows.</summary>
    public void Prepare(BaseContent content, ContentTable table, IReadOnlyCollection<SqlField> fields, SqlGuard guard)
    {
        if (_version != content.Version)
        {
            _vectors.Clear();
            _version = content.Version;
        }

        var missing = fields.Where(f => !_vectors.ContainsKey((table, f.Key))).ToList();
        if (_vectors.Count + missing.Count > MaxVectors)
        {
            _vectors.Clear();
            missing = [.. fields];
        }

        if (missing.Count > 0)
        {
            foreach (var (field, vector) in missing.Zip(Decode(table, missing, guard)))
            {
                _vectors[(table, field.Key)] = vector;
            }
        }

        foreach (var field in fields)
        {
            field.Vector = _vectors[(table, field.Key)];
        }
    }

    private static SqlValue[][] Decode(ContentTable table, List<SqlField> fields, SqlGuard guard)
    {
        var rows = table.Rows.InOrder;
        var vectors = fields.Select(_ => new SqlValue[rows.Count]).ToArray();
        var cells = fields.Where(f => f.ReadsCell).Select((f, i) => (Field: f, Index: fields.IndexOf(f))).ToArray();
        var others = fields.Select((f, i) => (Field: f, Index: i)).Where(f => !f.Field.ReadsCell).ToArray();
        var found = new bool[fields.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            guard.Tick();
            var row = rows[r];
            foreach (var (field, index) in others)
            {
                vectors[index][r] = field.Read(row);
            }

            if (cells.Length == 0)
            {
                continue;
            }

            // One pass over the row's JSON for every column the statement reads.
            Array.Clear(found);
            var left = cells.Length;
            var reader = new Utf8JsonReader(row.Cells);
            reader.Read();
            while (left > 0 && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = -1;
                foreach (var (field, index) in cells)
                {
                    if (!found[index] && reader.ValueTextEquals(field.Utf8Key))
                    {
                        match = index;
                        break;
                    }
                }

                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (match >= 0)
                {
                    found[match] = true;
                    left--;
                    vectors[match][r] = fields[match].ReadRaw(row.Cells.AsSpan(start, (int)reader.BytesConsumed - start));
                }
            }

            foreach (var (field, index) in cells)
            {
                if (!found[index])
                {
                    vectors[index][r] = field.ReadRaw([]);
                }
            }
        }

        return vectors;
    }
}
