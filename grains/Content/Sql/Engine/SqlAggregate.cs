using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

internal enum AggregateKind
{
    Count,
    CountRows,
    Sum,
    Min,
    Max,
    Avg,
}

/// <summary>An aggregate of a grouped statement: what it folds and over which values (null for COUNT(*)).</summary>
internal sealed record SqlAggregate(AggregateKind Kind, SqlEvaluator? Argument, bool Distinct)
{
    public static AggregateKind? KindOf(string name) => name.ToUpperInvariant() switch
    {
        "COUNT" => AggregateKind.Count,
        "SUM" => AggregateKind.Sum,
        "MIN" => AggregateKind.Min,
        "MAX" => AggregateKind.Max,
        "AVG" => AggregateKind.Avg,
        _ => null,
    };
}

/// <summary>
/// One aggregate's running value for one group. NULLs (and empty cells) are skipped, as SeaTable's aggregates
/// skip them; SUM and AVG take numbers (a list with exactly one item counts as that item), MIN and MAX compare
/// as ORDER BY does.
/// </summary>
internal sealed class SqlAccumulator(SqlAggregate aggregate)
{
    private long _count;
    private double _sum;
    private SqlValue _best;
    private HashSet<SqlValue>? _seen;

    public void Add(SqlTuple tuple)
    {
        if (aggregate.Kind == AggregateKind.CountRows)
        {
            _count++;
            return;
        }

        var value = aggregate.Argument!(tuple);
        if (value.Kind == SqlKind.List && aggregate.Kind != AggregateKind.Count)
        {
            value = value.Items.Count == 1 ? value.Items[0] : SqlValue.Null;
        }

        if (value.IsEmpty)
        {
            return;
        }

        if (aggregate.Distinct && !(_seen ??= new HashSet<SqlValue>(SqlValueComparer.Instance)).Add(value))
        {
            return;
        }

        switch (aggregate.Kind)
        {
            case AggregateKind.Count:
                _count++;
                break;
            case AggregateKind.Sum or AggregateKind.Avg:
                if (value.ToNumber() is { } number)
                {
                    _sum += number;
                    _count++;
                }

                break;
            case AggregateKind.Min:
                if (_best.IsNull || SqlComparer.Compare(value, _best) < 0)
                {
                    _best = value;
                }

                break;
            case AggregateKind.Max:
                if (_best.IsNull || SqlComparer.Compare(value, _best) > 0)
                {
                    _best = value;
                }

                break;
        }
    }

    public SqlValue Result => aggregate.Kind switch
    {
        AggregateKind.Count or AggregateKind.CountRows => SqlValue.FromNumber(_count),
        AggregateKind.Sum => _count == 0 ? SqlValue.Null : SqlValue.FromNumber(_sum),
        AggregateKind.Avg => _count == 0 ? SqlValue.Null : SqlValue.FromNumber(_sum / _count),
        _ => _best,
    };
}
