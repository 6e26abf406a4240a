namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>A parsed statement. Positions are 1-based columns (of the first line a statement is usually on) for error messages.</summary>
internal abstract record SqlStatement;

/// <summary>
/// SELECT [DISTINCT] items FROM tables [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT n [OFFSET m]]. Several
/// tables are an implicit inner join (FROM a, b WHERE a.x = b.y). Limit and offset are as written (the engine
/// applies SeaTable's default of 100 and maximum of 10,000); "LIMIT m, n" is read as OFFSET m LIMIT n.
/// </summary>
internal sealed record SelectStatement(
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    IReadOnlyList<SqlTableRef> From,
    SqlExpr? Where,
    IReadOnlyList<SqlExpr> GroupBy,
    SqlExpr? Having,
    IReadOnlyList<OrderItem> OrderBy,
    long? Limit,
    long? Offset) : SqlStatement;

/// <summary>UPDATE table SET column = expr, ... [WHERE].</summary>
internal sealed record UpdateStatement(SqlTableRef Table, IReadOnlyList<Assignment> Assignments, SqlExpr? Where) : SqlStatement;

/// <summary>DELETE FROM table [WHERE].</summary>
internal sealed record DeleteStatement(SqlTableRef Table, SqlExpr? Where) : SqlStatement;

/// <summary>INSERT INTO table ...: parsed only as far as its table, to answer SeaTable's refusal.</summary>
internal sealed record InsertStatement(SqlTableRef Table) : SqlStatement;

/// <summary>
/// One item of a select list: an expression with its alias, or "*" / "t.*" (<see cref="SqlExpr"/> a
/// <see cref="StarExpr"/>). <see cref="Text"/> is the item's source text with surrounding blanks removed
/// (e.g. "COUNT(*)", "`Price` * 2"), which names the result column when there is no alias.
/// </summary>
internal sealed record SelectItem(SqlExpr Expr, string? Alias, string Text);

/// <summary>A table of FROM (or of UPDATE / DELETE): its name as written (backticks removed) and alias.</summary>
internal sealed record SqlTableRef(string Name, string? Alias, int Position);

internal sealed record OrderItem(SqlExpr Expr, bool Descending);

/// <summary>column = expr in UPDATE ... SET.</summary>
internal sealed record Assignment(string Column, SqlExpr Value, int Position);
