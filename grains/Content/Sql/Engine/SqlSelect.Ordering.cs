using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>ORDER BY and DISTINCT: a bounded heap of the rows a page needs, or a stable sort where DISTINCT must see them all.</summary>
internal sealed partial class SqlSelect
{
    private List<ContentRow[]> Sorted(IEnumerable<ContentRow[]> tuples, SqlTuple tuple, (SqlEvaluator Key, bool Descending)[] order, int limit, int offset)
    {
        if (_statement.Distinct)
        {
            var all = new List<Candidate>();
            foreach (var rows in tuples)
            {
                all.Add(new Candidate((ContentRow[])rows.Clone(), null, [.. order.Select(o => o.Key(tuple))], all.Count));
            }

            return [.. Page(all, tuple, order, limit, offset).Select(c => c.Rows)];
        }

        // Keeps the best offset + limit rows in a heap whose top is the worst kept: most rows cost one comparison.
        var wanted = (int)Math.Min((long)limit + offset, int.MaxValue);
        var comparer = new CandidateComparer(order);
        var heap = new PriorityQueue<Candidate, Candidate>(Comparer<Candidate>.Create((a, b) => comparer.Compare(b, a)));
        var keys = new SqlValue[order.Length];
        var sequence = 0;
        foreach (var rows in tuples)
        {
            for (var i = 0; i < order.Length; i++)
            {
                keys[i] = order[i].Key(tuple);
            }

            var probe = new Candidate(rows, null, keys, sequence++);
            if (heap.Count < wanted)
            {
                var kept = probe with { Rows = (ContentRow[])rows.Clone(), Keys = (SqlValue[])keys.Clone() };
                heap.Enqueue(kept, kept);
            }
            else if (wanted > 0 && comparer.Compare(probe, heap.Peek()) < 0)
            {
                var kept = probe with { Rows = (ContentRow[])rows.Clone(), Keys = (SqlValue[])keys.Clone() };
                heap.DequeueEnqueue(kept, kept);
            }
        }

        var best = new List<Candidate>(heap.Count);
        while (heap.Count > 0)
        {
            best.Add(heap.Dequeue());
        }

        best.Reverse();
        return [.. best.Skip(offset).Take(limit).Select(c => c.Rows)];
    }

    /// <summary>Sorts (stably), removes repeated rows where DISTINCT asks, and cuts the page.</summary>
    private List<Candidate> Page(List<Candidate> candidates, SqlTuple tuple, (SqlEvaluator Key, bool Descending)[] order, int limit, int offset)
    {
        if (order.Length > 0)
        {
            candidates.Sort(new CandidateComparer(order));
        }

        IEnumerable<Candidate> page = candidates;
        if (_statement.Distinct)
        {
            var seen = new HashSet<GroupKey>();
            page = candidates.Where(c =>
            {
                _guard.Tick();
                tuple.Set(c.Rows);
                tuple.Aggregates = c.Aggregates ?? [];
                return seen.Add(new GroupKey([.. _columns.Select(o => o.Read(tuple))]));
            });
        }

        return [.. page.Skip(offset).Take(limit)];
    }

    private sealed record Candidate(ContentRow[] Rows, SqlValue[]? Aggregates, SqlValue[] Keys, int Sequence);

    private sealed class CandidateComparer((SqlEvaluator Key, bool Descending)[] order) : IComparer<Candidate>
    {
        public int Compare(Candidate? x, Candidate? y)
        {
            for (var i = 0; i < order.Length; i++)
            {
                var c = SqlComparer.Compare(x!.Keys[i], y!.Keys[i]);
                if (c != 0)
                {
                    return order[i].Descending ? -c : c;
                }
            }

            return x!.Sequence.CompareTo(y!.Sequence);
        }
    }
}
