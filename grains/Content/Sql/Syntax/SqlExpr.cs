using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// An expression. Every node knows its depth (1 for a leaf): the parser refuses a tree deeper than its bound,
/// so the engine's recursive evaluation can never exhaust the stack.
/// </summary>
internal abstract record SqlExpr(int Position)
{
    public abstract int Depth { get; }

    protected static int DepthOf(params ReadOnlySpan<SqlExpr> children)
    {
        var depth = 0;
        foreach (var child in children)
        {
            depth = Math.Max(depth, child.Depth);
        }

        return depth + 1;
    }

    protected static int DepthOf(IReadOnlyList<SqlExpr> children, int atLeast = 0)
    {
        var depth = atLeast;
        foreach (var child in children)
        {
            depth = Math.Max(depth, child.Depth);
        }

        return depth + 1;
    }
}

/// <summary>A number, a text ('...' or "..."), TRUE / FALSE or NULL.</summary>
internal sealed record LiteralExpr(SqlValue Value, int Position) : SqlExpr(Position)
{
    public override int Depth => 1;
}

/// <summary>A "?" placeholder: the statement's <see cref="Index"/>-th (0-based), filled from the request's parameters.</summary>
internal sealed record ParameterExpr(int Index, int Position) : SqlExpr(Position)
{
    public override int Depth => 1;
}

/// <summary>A column: name or `name` or table.name (table being a table's name or alias). Names are as written, backticks removed.</summary>
internal sealed record ColumnExpr(string? Table, string Name, int Position) : SqlExpr(Position)
{
    public override int Depth => 1;
}

/// <summary>"*" or "t.*" in a select list, and the argument of COUNT(*).</summary>
internal sealed record StarExpr(string? Table, int Position) : SqlExpr(Position)
{
    public override int Depth => 1;
}

internal enum UnaryOperator
{
    Not,
    Negate,
}

internal sealed record UnaryExpr(UnaryOperator Operator, SqlExpr Operand, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Operand);
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    And,
    Or,
}

internal sealed record BinaryExpr(BinaryOperator Operator, SqlExpr Left, SqlExpr Right, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Left, Right);
}

/// <summary>value [NOT] LIKE / ILIKE pattern (% any run, _ one character; LIKE matches case, ILIKE ignores it, as in SeaTable).</summary>
internal sealed record LikeExpr(SqlExpr Value, SqlExpr Pattern, bool Negated, bool IgnoreCase, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Value, Pattern);
}

/// <summary>value [NOT] IN (items).</summary>
internal sealed record InExpr(SqlExpr Value, IReadOnlyList<SqlExpr> Items, bool Negated, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf([Value, .. Items]);
}

/// <summary>value [NOT] BETWEEN low AND high (inclusive).</summary>
internal sealed record BetweenExpr(SqlExpr Value, SqlExpr Low, SqlExpr High, bool Negated, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Value, Low, High);
}

/// <summary>value IS [NOT] NULL (SeaTable: empty texts and lists count as null).</summary>
internal sealed record IsNullExpr(SqlExpr Value, bool Negated, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Value);
}

internal enum SetOperator
{
    HasAnyOf,
    HasAllOf,
    HasNoneOf,
    IsExactly,
}

/// <summary>column HAS ANY OF (items) / HAS ALL OF / HAS NONE OF / IS EXACTLY: multiple-select, collaborator and link columns.</summary>
internal sealed record SetExpr(SqlExpr Value, SetOperator Operator, IReadOnlyList<SqlExpr> Items, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf([Value, .. Items]);
}

/// <summary>
/// A function call: name as written (matched ignoring case), arguments, DISTINCT (COUNT(DISTINCT x)). COUNT(*)
/// has a single <see cref="StarExpr"/> argument.
/// </summary>
internal sealed record FunctionExpr(string Name, IReadOnlyList<SqlExpr> Arguments, bool Distinct, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Arguments);
}

/// <summary>value IS [NOT] TRUE (an empty value is not true).</summary>
internal sealed record IsTrueExpr(SqlExpr Value, bool Negated, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Value);
}

/// <summary>A parenthesised list of values where one value of a list column is set: UPDATE t SET Tags = ('a', 'b').</summary>
internal sealed record ListExpr(IReadOnlyList<SqlExpr> Items, int Position) : SqlExpr(Position)
{
    public override int Depth { get; } = DepthOf(Items);
}
