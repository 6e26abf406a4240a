using SeaTable.Grains.Content.Model;
using SeaTable.Grains.Content.Sql.Syntax;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// The tuples a statement reads: the rows of its one table, or for FROM a, b, ... an inner join. As in
/// SeaTable, each further table needs an equality condition (a.x = b.y, ANDed in WHERE) with a table before
/// it; the join hashes on it, after each table's own conditions have filtered its rows. A join that would
/// produce more tuples than the bound is refused before it grows further.
/// </summary>
internal sealed class SqlJoin
{
    private readonly SqlScope _scope;
    private readonly SqlGuard _guard;
    private readonly Func<SqlTuple, bool>?[] _ownFilters;
    private readonly List<(BoundField Left, BoundField Right)> _equalities = [];

    public SqlJoin(SqlScope scope, SqlCompiler compiler, SqlExpr? where, SqlGuard guard)
    {
        _scope = scope;
        _guard = guard;
        _ownFilters = new Func<SqlTuple, bool>?[scope.Sources.Count];
        if (scope.Sources.Count < 2 || where is null)
        {
            return;
        }

        var own = new List<SqlExpr>?[scope.Sources.Count];
        foreach (var conjunct in Conjuncts(where))
        {
            if (conjunct is BinaryExpr { Operator: BinaryOperator.Equal, Left: ColumnExpr left, Right: ColumnExpr right }
                && scope.Resolve(left) is var l && scope.Resolve(right) is var r && l.Source != r.Source)
            {
                _equalities.Add((l, r));
                continue;
            }

            var sources = Sources(conjunct).ToHashSet();
            if (sources.Count == 1)
            {
                (own[sources.First()] ??= []).Add(conjunct);
            }
        }

        for (var i = 0; i < own.Length; i++)
        {
            if (own[i] is { } conditions)
            {
                var predicates = conditions.Select(compiler.Predicate).ToArray();
                _ownFilters[i] = tuple => predicates.All(p => p(tuple));
            }
        }
    }

    /// <summary>Each tuple passing WHERE, in the tuple itself (its Rows, valid until the next one).</summary>
    public IEnumerable<ContentRow[]> Tuples(SqlTuple tuple, Func<SqlTuple, bool>? where)
    {
        if (_scope.Sources.Count == 1)
        {
            var rows = _scope.Sources[0].Table.Rows.InOrder;
            for (var i = 0; i < rows.Count; i++)
            {
                _guard.Tick();
                tuple.Set(rows[i], i);
                if (where is null || where(tuple))
                {
                    yield return tuple.Rows;
                }
            }

            yield break;
        }

        foreach (var rows in Join(tuple))
        {
            _guard.Tick();
            tuple.Set(rows);
            if (where is null || where(tuple))
            {
                yield return tuple.Rows;
            }
        }
    }

    private List<ContentRow[]> Join(SqlTuple tuple)
    {
        var count = _scope.Sources.Count;
        var filtered = new List<ContentRow>[count];
        for (var i = 0; i < count; i++)
        {
            filtered[i] = [];
            foreach (var row in _scope.Sources[i].Table.Rows.InOrder)
            {
                _guard.Tick();
                if (_ownFilters[i] is { } filter)
                {
                    Array.Clear(tuple.Rows);
                    tuple.Rows[i] = row;
                    tuple.Reset();
                    if (!filter(tuple))
                    {
                        continue;
                    }
                }

                filtered[i].Add(row);
            }
        }

        var joined = filtered[0].Select(row =>
        {
            var rows = new ContentRow[count];
            rows[0] = row;
            return rows;
        }).ToList();
        var done = new HashSet<int> { 0 };
        while (done.Count < count)
        {
            var (next, known, other) = NextJoin(done);
            var index = new Dictionary<string, List<ContentRow>>(StringComparer.Ordinal);
            foreach (var row in filtered[next])
            {
                _guard.Tick();
                if (JoinKey(other.Field.Read(row)) is { } key)
                {
                    if (!index.TryGetValue(key, out var list))
                    {
                        index[key] = list = [];
                    }

                    list.Add(row);
                }
            }

            var grown = new List<ContentRow[]>();
            foreach (var rows in joined)
            {
                _guard.Tick();
                if (JoinKey(known.Field.Read(rows[known.Source])) is not { } key || !index.TryGetValue(key, out var matches))
                {
                    continue;
                }

                if (grown.Count + (long)matches.Count > _guard.Limits.MaxJoinRows)
                {
                    throw new SqlException(SqlError.LimitExceeded, $"The join produces more than {_guard.Limits.MaxJoinRows:N0} rows: add conditions to narrow it.");
                }

                foreach (var match in matches)
                {
                    var combined = (ContentRow[])rows.Clone();
                    combined[next] = match;
                    grown.Add(combined);
                }
            }

            joined = grown;
            done.Add(next);
        }

        return joined;
    }

    /// <summary>A table not yet joined with an equality to one that is: the new table, the known side, the new side.</summary>
    private (int Next, BoundField Known, BoundField Other) NextJoin(HashSet<int> done)
    {
        foreach (var (left, right) in _equalities)
        {
            if (done.Contains(left.Source) && !done.Contains(right.Source))
            {
                return (right.Source, left, right);
            }

            if (done.Contains(right.Source) && !done.Contains(left.Source))
            {
                return (left.Source, right, left);
            }
        }

        var missing = _scope.Sources.First(s => !done.Contains(s.Index)).Table.Name;
        throw SqlException.Invalid($"Table {missing} has no join condition: each table in FROM needs one (table1.column = table2.column in WHERE, joined by AND).");
    }

    /// <summary>The text a value joins by (NULL joins nothing); numbers and numeric texts alike.</summary>
    private static string? JoinKey(Values.SqlValue value)
    {
        value = SqlCompiler.Scalar(value);
        return value.IsEmpty ? null : value.ToNumber() is { } n && value.Kind != Values.SqlKind.Date ? Values.SqlValue.FormatNumber(n) : value.ToText();
    }

    private static IEnumerable<SqlExpr> Conjuncts(SqlExpr expression)
    {
        // Iterative: a long AND chain is a deep tree.
        var stack = new Stack<SqlExpr>();
        stack.Push(expression);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is BinaryExpr { Operator: BinaryOperator.And } and)
            {
                stack.Push(and.Right);
                stack.Push(and.Left);
            }
            else
            {
                yield return current;
            }
        }
    }

    private IEnumerable<int> Sources(SqlExpr expression) => expression switch
    {
        ColumnExpr column => [_scope.Resolve(column).Source],
        UnaryExpr u => Sources(u.Operand),
        BinaryExpr b => Sources(b.Left).Concat(Sources(b.Right)),
        LikeExpr l => Sources(l.Value).Concat(Sources(l.Pattern)),
        InExpr i => Sources(i.Value).Concat(i.Items.SelectMany(Sources)),
        BetweenExpr b => Sources(b.Value).Concat(Sources(b.Low)).Concat(Sources(b.High)),
        IsNullExpr n => Sources(n.Value),
        IsTrueExpr t => Sources(t.Value),
        ListExpr l => l.Items.SelectMany(Sources),
        SetExpr s => Sources(s.Value).Concat(s.Items.SelectMany(Sources)),
        FunctionExpr f => f.Arguments.SelectMany(Sources),
        _ => [],
    };
}
