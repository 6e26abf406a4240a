using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// Compiles expressions into evaluators over a <see cref="SqlTuple"/>, with SeaTable's rules: NULL (empty
/// cells and texts) makes a comparison false and its negation true, AND / OR / NOT read NULL as false,
/// arithmetic takes numbers only, a list compares by its item when it has one (texts by the first). Constant
/// sub-expressions are evaluated once. Aggregates are allowed only where the compiler is given a list to
/// collect them in (the select list, HAVING and ORDER BY of a grouped statement).
/// </summary>
internal sealed partial class SqlCompiler(SqlScope scope, SqlFunctionContext functions, IReadOnlyList<SqlValue> parameters)
{
    /// <summary>Select aliases GROUP BY, HAVING and ORDER BY may name (not WHERE): alias to expression.</summary>
    public IReadOnlyDictionary<string, SqlExpr>? Aliases { get; set; }

    /// <summary>Where aggregates are being collected; null where they are not allowed (WHERE, GROUP BY).</summary>
    public List<SqlAggregate>? Aggregates { get; set; }

    public SqlScope Scope => scope;

    /// <summary>The fields expressions read per row (not those only written out as cells): what decoded columns serve.</summary>
    public HashSet<SqlField> Evaluated { get; } = [];

    public SqlEvaluator Compile(SqlExpr expression) => CompileNode(expression).Evaluator;

    /// <summary>A predicate: true only when the expression is true (NULL counts as false).</summary>
    public Func<SqlTuple, bool> Predicate(SqlExpr expression)
    {
        var evaluator = Compile(expression);
        return tuple => Truth(evaluator(tuple));
    }

    /// <summary>Whether an expression holds an aggregate (the statement is then grouped).</summary>
    public static bool HasAggregate(SqlExpr expression) => expression switch
    {
        FunctionExpr f => SqlAggregate.KindOf(f.Name) is not null || f.Arguments.Any(HasAggregate),
        UnaryExpr u => HasAggregate(u.Operand),
        BinaryExpr b => HasAggregate(b.Left) || HasAggregate(b.Right),
        LikeExpr l => HasAggregate(l.Value) || HasAggregate(l.Pattern),
        InExpr i => HasAggregate(i.Value) || i.Items.Any(HasAggregate),
        BetweenExpr b => HasAggregate(b.Value) || HasAggregate(b.Low) || HasAggregate(b.High),
        IsNullExpr n => HasAggregate(n.Value),
        IsTrueExpr t => HasAggregate(t.Value),
        ListExpr l => l.Items.Any(HasAggregate),
        SetExpr s => HasAggregate(s.Value) || s.Items.Any(HasAggregate),
        _ => false,
    };

    public static bool Truth(SqlValue value) => value.Kind switch
    {
        SqlKind.Bool or SqlKind.Number => value.Number != 0,
        SqlKind.Text => value.Text!.Length > 0,
        SqlKind.List => value.Items.Count > 0 && Truth(value.Items[0]),
        SqlKind.Date => true,
        _ => false,
    };

    private readonly record struct Node(SqlEvaluator Evaluator, bool IsConstant)
    {
        public static Node Constant(SqlValue value) => new(_ => value, true);
    }

    private Node CompileNode(SqlExpr expression)
    {
        var node = expression switch
        {
            LiteralExpr literal => Node.Constant(literal.Value),
            ParameterExpr parameter => Node.Constant(parameter.Index < parameters.Count
                ? parameters[parameter.Index]
                : throw SqlException.Invalid($"The statement has more ? placeholders than parameters ({parameters.Count}).")),
            ColumnExpr column => CompileColumn(column),
            StarExpr => throw SqlException.Invalid("* is allowed only in the select list and in COUNT(*)."),
            UnaryExpr unary => CompileUnary(unary),
            BinaryExpr binary => CompileBinary(binary),
            LikeExpr like => CompileLike(like),
            InExpr @in => CompileIn(@in),
            BetweenExpr between => CompileBetween(between),
            IsNullExpr isNull => Map(CompileNode(isNull.Value), v => SqlValue.FromBool(Scalar(v).IsEmpty != isNull.Negated)),
            IsTrueExpr isTrue => Map(CompileNode(isTrue.Value), v => SqlValue.FromBool(Truth(v) != isTrue.Negated)),
            ListExpr list => CompileList(list),
            SetExpr set => CompileSet(set),
            FunctionExpr function => CompileFunction(function),
            _ => throw SqlException.Invalid("This expression is not supported."),
        };
        return node.IsConstant ? Node.Constant(node.Evaluator(null!)) : node;
    }

    private Node CompileColumn(ColumnExpr column)
    {
        // An alias names its select item's expression, unless it is that very column ("SELECT a AS a").
        if (column.Table is null && Aliases is not null && Aliases.TryGetValue(column.Name, out var aliased)
            && !(aliased is ColumnExpr { Table: null } plain && plain.Name == column.Name))
        {
            return CompileNode(aliased);
        }

        var bound = scope.Resolve(column);
        var (source, field, slot) = (bound.Source, bound.Field, bound.Slot);
        if (source == 0)
        {
            Evaluated.Add(field);
        }

        return new Node(tuple => tuple.Read(slot, source, field), false);
    }

    private Node CompileUnary(UnaryExpr unary)
    {
        var operand = CompileNode(unary.Operand);
        return unary.Operator == UnaryOperator.Not
            ? Map(operand, v => SqlValue.FromBool(!Truth(v)))
            : Map(operand, v => Number(v, "-") is { } n ? SqlValue.FromNumber(-n) : SqlValue.Null);
    }

    private Node CompileBinary(BinaryExpr binary)
    {
        var left = CompileNode(binary.Left);
        var right = CompileNode(binary.Right);
        return binary.Operator switch
        {
            BinaryOperator.Add => Arithmetic(left, right, "+", (a, b) => a + b),
            BinaryOperator.Subtract => Arithmetic(left, right, "-", (a, b) => a - b),
            BinaryOperator.Multiply => Arithmetic(left, right, "*", (a, b) => a * b),
            BinaryOperator.Divide => Arithmetic(left, right, "/", (a, b) => b == 0 ? throw SqlException.Invalid("Division by zero.") : a / b),
            BinaryOperator.Modulo => Arithmetic(left, right, "%", (a, b) => b == 0 ? throw SqlException.Invalid("Division by zero.") : a % b),
            BinaryOperator.Equal => Comparison(left, right, c => c == 0, nullResult: false),
            BinaryOperator.NotEqual => Comparison(left, right, c => c != 0, nullResult: true),
            BinaryOperator.Less => Comparison(left, right, c => c < 0, nullResult: false),
            BinaryOperator.Greater => Comparison(left, right, c => c > 0, nullResult: false),
            BinaryOperator.LessOrEqual => Comparison(left, right, c => c <= 0, nullResult: false),
            BinaryOperator.GreaterOrEqual => Comparison(left, right, c => c >= 0, nullResult: false),
            BinaryOperator.Or => Logical(left, right, or: true),
            _ => Logical(left, right, or: false),
        };
    }

    private static Node Logical(Node left, Node right, bool or)
    {
        var (l, r) = (left.Evaluator, right.Evaluator);
        SqlEvaluator evaluator = or
            ? tuple => SqlValue.FromBool(Truth(l(tuple)) || Truth(r(tuple)))
            : tuple => SqlValue.FromBool(Truth(l(tuple)) && Truth(r(tuple)));
        return new Node(evaluator, left.IsConstant && right.IsConstant);
    }

    private static Node Arithmetic(Node left, Node right, string symbol, Func<double, double, double> operation)
    {
        var (l, r) = (left.Evaluator, right.Evaluator);
        return new Node(tuple =>
        {
            var a = Number(l(tuple), symbol);
            if (a is null)
            {
                return SqlValue.Null;
            }

            var b = Number(r(tuple), symbol);
            return b is null ? SqlValue.Null : SqlValue.FromNumber(operation(a.Value, b.Value));
        }, left.IsConstant && right.IsConstant);
    }

    private static Node Comparison(Node left, Node right, Func<int, bool> test, bool nullResult)
    {
        var (l, r) = (left.Evaluator, right.Evaluator);
        return new Node(tuple =>
        {
            var a = Scalar(l(tuple));
            var b = Scalar(r(tuple));
            return SqlValue.FromBool(a.IsEmpty || b.IsEmpty ? nullResult : test(SqlComparer.Compare(a, b)));
        }, left.IsConstant && right.IsConstant);
    }

    private static Node Map(Node operand, Func<SqlValue, SqlValue> map)
    {
        var inner = operand.Evaluator;
        return new Node(tuple => map(inner(tuple)), operand.IsConstant);
    }

    /// <summary>
    /// A list as one value for comparing: its only item, its first where that is a text; otherwise NULL, so
    /// that only != holds (SeaTable's rule for lists of several numbers or dates).
    /// </summary>
    public static SqlValue Scalar(SqlValue value)
    {
        if (value.Kind != SqlKind.List)
        {
            return value;
        }

        var items = value.Items;
        return items.Count == 0 ? SqlValue.Null
            : items.Count == 1 || items[0].Kind == SqlKind.Text ? items[0]
            : SqlValue.Null;
    }

    private static double? Number(SqlValue value, string symbol)
    {
        value = value.Kind == SqlKind.List && value.Items.Count > 0 ? value.Items[0] : value;
        if (value.IsEmpty)
        {
            return null;
        }

        return value.ToNumber() ?? throw SqlException.Invalid($"Arithmetic ({symbol}) takes numbers, not '{Shorten(value.ToText())}'.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

}
