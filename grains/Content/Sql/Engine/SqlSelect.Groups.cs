using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>GROUP BY and aggregates: groups in first-seen order, each with its first tuple and its accumulators; HAVING, ORDER BY, the page.</summary>
internal sealed partial class SqlSelect
{
    private (List<ContentRow[]> Rows, List<SqlValue[]> Aggregates) Group(IEnumerable<ContentRow[]> tuples, SqlTuple tuple,
        SqlEvaluator[] keys, Func<SqlTuple, bool>? having, (SqlEvaluator Key, bool Descending)[] order, int limit, int offset)
    {
        var groups = new Dictionary<GroupKey, GroupState>();
        var ordered = new List<GroupState>();
        // The key is read into one array per statement; only a new group keeps a copy.
        var probe = new SqlValue[keys.Length];
        foreach (var rows in tuples)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                probe[i] = keys[i](tuple);
            }

            if (!groups.TryGetValue(new GroupKey(probe), out var group))
            {
                group = new GroupState((ContentRow[])rows.Clone(), [.. _aggregates.Select(a => new SqlAccumulator(a))]);
                groups.Add(new GroupKey((SqlValue[])probe.Clone()), group);
                ordered.Add(group);
            }

            foreach (var accumulator in group.Accumulators)
            {
                accumulator.Add(tuple);
            }
        }

        if (ordered.Count == 0 && keys.Length == 0)
        {
            // Aggregates without GROUP BY answer one row, also over no rows (COUNT(*) = 0).
            ordered.Add(new GroupState(new ContentRow[_scope.Sources.Count], [.. _aggregates.Select(a => new SqlAccumulator(a))]));
        }

        var candidates = new List<Candidate>();
        foreach (var group in ordered)
        {
            _guard.Tick();
            tuple.Set(group.Rows);
            tuple.Aggregates = [.. group.Accumulators.Select(a => a.Result)];
            if (having is not null && !having(tuple))
            {
                continue;
            }

            candidates.Add(new Candidate(group.Rows, tuple.Aggregates, [.. order.Select(o => o.Key(tuple))], candidates.Count));
        }

        var page = Page(candidates, tuple, order, limit, offset);
        return ([.. page.Select(c => c.Rows)], [.. page.Select(c => c.Aggregates!)]);
    }

    private sealed record GroupState(ContentRow[] Rows, SqlAccumulator[] Accumulators);

    /// <summary>Values compared as a whole (GROUP BY keys, DISTINCT rows).</summary>
    private readonly struct GroupKey(SqlValue[] values) : IEquatable<GroupKey>
    {
        private readonly SqlValue[] _values = values;

        public bool Equals(GroupKey other)
        {
            if (_values.Length != other._values.Length)
            {
                return false;
            }

            for (var i = 0; i < _values.Length; i++)
            {
                if (!SqlComparer.Equal(_values[i], other._values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in _values)
            {
                hash.Add(SqlComparer.Hash(value));
            }

            return hash.ToHashCode();
        }
    }
}
