using Superpower.Model;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// Numbers the "?" placeholders of a parsed statement 0, 1, 2 ... in order of appearance (the rank of each one's
/// position). Done after parsing because the shared parsers hold no per-call counter; the tree is already
/// within the depth bound, so the recursion here is shallow.
/// </summary>
internal static class SqlPlaceholders
{
    /// <summary>The 1-based positions of the "?" tokens, in order.</summary>
    public static int[] Positions(TokenList<SqlToken> tokens)
    {
        List<int>? positions = null;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlToken.Question)
            {
                (positions ??= []).Add(token.Span.Position.Absolute + 1);
            }
        }

        return positions?.ToArray() ?? [];
    }

    public static SqlStatement Number(SqlStatement statement, int[] positions) => statement switch
    {
        SelectStatement select => select with
        {
            Items = [.. select.Items.Select(item => item with { Expr = Number(item.Expr, positions) })],
            Where = NumberOrNull(select.Where, positions),
            GroupBy = [.. select.GroupBy.Select(e => Number(e, positions))],
            Having = NumberOrNull(select.Having, positions),
            OrderBy = [.. select.OrderBy.Select(o => o with { Expr = Number(o.Expr, positions) })],
        },
        UpdateStatement update => update with
        {
            Assignments = [.. update.Assignments.Select(a => a with { Value = Number(a.Value, positions) })],
            Where = NumberOrNull(update.Where, positions),
        },
        DeleteStatement delete => delete with { Where = NumberOrNull(delete.Where, positions) },
        _ => statement,
    };

    private static SqlExpr? NumberOrNull(SqlExpr? expr, int[] positions) => expr is null ? null : Number(expr, positions);

    private static SqlExpr Number(SqlExpr expr, int[] positions) => expr switch
    {
        ParameterExpr p => new ParameterExpr(Array.BinarySearch(positions, p.Position), p.Position),
        UnaryExpr u => new UnaryExpr(u.Operator, Number(u.Operand, positions), u.Position),
        BinaryExpr b => new BinaryExpr(b.Operator, Number(b.Left, positions), Number(b.Right, positions), b.Position),
        LikeExpr l => new LikeExpr(Number(l.Value, positions), Number(l.Pattern, positions), l.Negated, l.IgnoreCase, l.Position),
        InExpr i => new InExpr(Number(i.Value, positions), All(i.Items, positions), i.Negated, i.Position),
        BetweenExpr b => new BetweenExpr(Number(b.Value, positions), Number(b.Low, positions), Number(b.High, positions), b.Negated, b.Position),
        IsNullExpr n => new IsNullExpr(Number(n.Value, positions), n.Negated, n.Position),
        IsTrueExpr t => new IsTrueExpr(Number(t.Value, positions), t.Negated, t.Position),
        ListExpr l => new ListExpr(All(l.Items, positions), l.Position),
        SetExpr s => new SetExpr(Number(s.Value, positions), s.Operator, All(s.Items, positions), s.Position),
        FunctionExpr f => new FunctionExpr(f.Name, All(f.Arguments, positions), f.Distinct, f.Position),
        _ => expr,
    };

    private static SqlExpr[] All(IReadOnlyList<SqlExpr> items, int[] positions) => [.. items.Select(e => Number(e, positions))];
}
