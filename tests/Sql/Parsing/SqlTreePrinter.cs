using System.Text;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Tests.Sql.Parsing;

/// <summary>
/// A parsed statement as one compact line, so that a test case is SQL in, text out. Expressions print as
/// prefix forms: (+ a b), (NOT x), (LIKE v p), (IN v a b), (call COUNT *); names in brackets ([t].[name]) so
/// their extent shows; texts in single quotes with \' \n \t \\ escapes; placeholders as ?0, ?1.
/// </summary>
internal static class SqlTreePrinter
{
    public static string Print(SqlStatement statement) => statement switch
    {
        SelectStatement s => Select(s),
        UpdateStatement u => $"UPDATE {Table(u.Table)} SET {string.Join(", ", u.Assignments.Select(a => $"[{a.Column}] = {Print(a.Value)}"))}"
            + (u.Where is null ? "" : $" WHERE {Print(u.Where)}"),
        DeleteStatement d => $"DELETE FROM {Table(d.Table)}" + (d.Where is null ? "" : $" WHERE {Print(d.Where)}"),
        InsertStatement i => $"INSERT INTO {Table(i.Table)}",
        _ => throw new ArgumentOutOfRangeException(nameof(statement)),
    };

    private static string Select(SelectStatement s)
    {
        var text = new StringBuilder("SELECT ");
        if (s.Distinct)
        {
            text.Append("DISTINCT ");
        }

        text.AppendJoin(", ", s.Items.Select(i => i.Alias is null ? Print(i.Expr) : $"{Print(i.Expr)} AS [{i.Alias}]"));
        text.Append(" FROM ").AppendJoin(", ", s.From.Select(Table));
        if (s.Where is not null)
        {
            text.Append(" WHERE ").Append(Print(s.Where));
        }

        if (s.GroupBy.Count > 0)
        {
            text.Append(" GROUP BY ").AppendJoin(", ", s.GroupBy.Select(Print));
        }

        if (s.Having is not null)
        {
            text.Append(" HAVING ").Append(Print(s.Having));
        }

        if (s.OrderBy.Count > 0)
        {
            text.Append(" ORDER BY ").AppendJoin(", ", s.OrderBy.Select(o => o.Descending ? $"{Print(o.Expr)} DESC" : Print(o.Expr)));
        }

        if (s.Limit is not null)
        {
            text.Append(" LIMIT ").Append(s.Limit);
        }

        if (s.Offset is not null)
        {
            text.Append(" OFFSET ").Append(s.Offset);
        }

        return text.ToString();
    }

    private static string Table(SqlTableRef t) => t.Alias is null ? $"[{t.Name}]" : $"[{t.Name}] AS [{t.Alias}]";

    /// <summary>The expression, each node followed by @position when <paramref name="at"/> is set.</summary>
    public static string Print(SqlExpr expr, bool at) => at ? Mark(expr, true) + "@" + expr.Position : Mark(expr, false);

    public static string Print(SqlExpr expr) => Print(expr, false);

    private static string Mark(SqlExpr expr, bool at) => expr switch
    {
        LiteralExpr l => Literal(l.Value),
        ParameterExpr p => $"?{p.Index}",
        ColumnExpr c => c.Table is null ? $"[{c.Name}]" : $"[{c.Table}].[{c.Name}]",
        StarExpr s => s.Table is null ? "*" : $"[{s.Table}].*",
        UnaryExpr u => u.Operator == UnaryOperator.Not ? $"(NOT {Print(u.Operand, at)})" : $"(- {Print(u.Operand, at)})",
        BinaryExpr b => $"({Operator(b.Operator)} {Print(b.Left, at)} {Print(b.Right, at)})",
        LikeExpr l => $"({(l.Negated ? "NOT " : "")}{(l.IgnoreCase ? "ILIKE" : "LIKE")} {Print(l.Value, at)} {Print(l.Pattern, at)})",
        InExpr i => $"({(i.Negated ? "NOT " : "")}IN {Print(i.Value, at)} {string.Join(" ", i.Items.Select(e => Print(e, at)))})",
        BetweenExpr b => $"({(b.Negated ? "NOT " : "")}BETWEEN {Print(b.Value, at)} {Print(b.Low, at)} {Print(b.High, at)})",
        IsNullExpr n => $"(IS {(n.Negated ? "NOT " : "")}NULL {Print(n.Value, at)})",
        IsTrueExpr t => $"(IS {(t.Negated ? "NOT " : "")}TRUE {Print(t.Value, at)})",
        ListExpr l => $"(LIST {string.Join(" ", l.Items.Select(i => Print(i, at)))})",
        SetExpr s => $"({SetName(s.Operator)} {Print(s.Value, at)} {string.Join(" ", s.Items.Select(e => Print(e, at)))})",
        FunctionExpr f => $"(call {f.Name}{(f.Distinct ? " DISTINCT" : "")}{string.Concat(f.Arguments.Select(a => " " + Print(a, at)))})",
        _ => throw new ArgumentOutOfRangeException(nameof(expr)),
    };

    private static string Literal(SqlValue value) => value.Kind switch
    {
        SqlKind.Null => "NULL",
        SqlKind.Bool => value.Bool ? "TRUE" : "FALSE",
        SqlKind.Number => SqlValue.FormatNumber(value.Number),
        SqlKind.Text => "'" + value.Text!.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\n", "\\n").Replace("\t", "\\t") + "'",
        _ => value.ToString(),
    };

    private static string Operator(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.Greater => ">",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "AND",
        BinaryOperator.Or => "OR",
        _ => op.ToString(),
    };

    private static string SetName(SetOperator op) => op switch
    {
        SetOperator.HasAnyOf => "HAS ANY OF",
        SetOperator.HasAllOf => "HAS ALL OF",
        SetOperator.HasNoneOf => "HAS NONE OF",
        _ => "IS EXACTLY",
    };
}
