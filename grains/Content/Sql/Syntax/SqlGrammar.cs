using System.Reflection;
using System.Runtime.CompilerServices;
using SeaTable.Grains.Content.Sql.Values;
using Superpower;
using Superpower.Display;
using Superpower.Model;
using Superpower.Parsers;

namespace SeaTable.Grains.Content.Sql.Syntax;

/// <summary>
/// SeaTable's SQL as Superpower parsers over <see cref="SqlToken"/>s, built once per depth bound and immutable
/// afterwards. Precedence, lowest first: OR; AND; NOT; comparisons and predicates; + -; * / %; unary minus;
/// primaries. Chains of one level fold in a loop and prefix operators are read as a run (no recursion per
/// operator), so only parentheses (and calls, lists) recurse: <see cref="SqlTokenizer"/> bounds their nesting
/// before parsing, every node is checked against the depth bound as it is built, and the recursion checks the
/// stack that is left. One nesting level takes about 7 to 9 KB of stack (measured), so the default bound of
/// 100 fits a thread-pool thread's 1.5 MB; a smaller stack answers LimitExceeded rather than overflowing.
/// </summary>
internal sealed class SqlGrammar
{
    public static readonly SqlGrammar Default = new(new SqlParserLimits().MaxDepth);

    private SqlGrammar(int maxDepth)
    {
        MaxDepth = maxDepth;
        Statement = Build();
    }

    public int MaxDepth { get; }

    /// <summary>A whole statement with its optional ";", up to the end of the tokens.</summary>
    public TokenListParser<SqlToken, SqlStatement> Statement { get; }

    /// <summary>The default grammar, or one for another depth bound (built anew: a few microseconds).</summary>
    public static SqlGrammar For(int maxDepth) => maxDepth == Default.MaxDepth ? Default : new SqlGrammar(maxDepth);

    /// <summary>
    /// One token of a kind. Superpower's Token.EqualTo compares kinds through object.Equals, boxing both on every
    /// call (48 bytes each, the bulk of a parse's garbage); this compares the enums directly.
    /// </summary>
    private static TokenListParser<SqlToken, Token<SqlToken>> T(SqlToken kind)
    {
        var attribute = typeof(SqlToken).GetField(kind.ToString())!.GetCustomAttribute<TokenAttribute>();
        string[] expectations = [attribute?.Example ?? attribute?.Description ?? kind.ToString().ToLowerInvariant()];
        return input =>
        {
            var next = input.ConsumeToken();
            return next.HasValue && next.Value.Kind == kind ? next : TokenListParserResult.Empty<SqlToken, Token<SqlToken>>(input, expectations);
        };
    }

    private static int Pos(Token<SqlToken> token) => token.Span.Position.Absolute + 1;

    private T Bounded<T>(T node)
        where T : SqlExpr =>
        node.Depth > MaxDepth ? throw SqlSyntaxErrors.TooDeep(node.Position, MaxDepth) : node;

    private TokenListParser<SqlToken, SqlStatement> Build()
    {
        var name = Token.Matching<SqlToken>(
            kind => kind is SqlToken.Identifier or SqlToken.QuotedIdentifier || SqlKeywords.IsNonReserved(kind), "name");

        TokenListParser<SqlToken, SqlExpr>? expressionRef = null;
        // The grammar's one recursion (through parentheses): besides the nesting bound checked before parsing,
        // refuse rather than overflow when the calling thread's stack runs short (an overflow kills the process).
        TokenListParser<SqlToken, SqlExpr> expression = input =>
            RuntimeHelpers.TryEnsureSufficientExecutionStack()
                ? expressionRef!(input)
                : throw SqlSyntaxErrors.StackTooShort(input.IsAtEnd ? 0 : Pos(input.ConsumeToken().Value));
        var expressions = expression.AtLeastOnceDelimitedBy(T(SqlToken.Comma));
        var parenthesisedList = T(SqlToken.LParen).IgnoreThen(expressions).Then(items => T(SqlToken.RParen).Value(items));

        var primary = Primary(name, expression);
        var unary = Prefixed(primary, SqlToken.Minus, UnaryOperator.Negate);

        // Operators as one token test each (not an Or per operator): a failed Or merges expectation arrays, and
        // these fail after every operand.
        var multiplicative = Parse.Chain(Operator(SqlToken.Star, SqlToken.Slash, SqlToken.Percent, "operator"), unary, Binary);
        var additive = Parse.Chain(Operator(SqlToken.Plus, SqlToken.Minus, SqlToken.None, "operator"), multiplicative, Binary);

        var comparison = Predicates(additive, PredicateTail(additive, unary, parenthesisedList));
        var negation = Prefixed(comparison, SqlToken.Not, UnaryOperator.Not);
        var conjunction = Parse.Chain(T(SqlToken.And).Value(BinaryOperator.And), negation, Binary);
        var disjunction = Parse.Chain(T(SqlToken.Or).Value(BinaryOperator.Or), conjunction, Binary);
        expressionRef = disjunction;

        return Statements(name, expression, expressions);
    }

    private static TokenListParser<SqlToken, BinaryOperator> Operator(SqlToken a, SqlToken b, SqlToken c, string name) =>
        Token.Matching<SqlToken>(kind => kind == a || kind == b || (kind == c && c != SqlToken.None), name).Select(token => token.Kind switch
        {
            SqlToken.Star => BinaryOperator.Multiply,
            SqlToken.Slash => BinaryOperator.Divide,
            SqlToken.Percent => BinaryOperator.Modulo,
            SqlToken.Plus => BinaryOperator.Add,
            _ => BinaryOperator.Subtract,
        });

    private static BinaryOperator Operator(SqlToken kind) => kind switch
    {
        SqlToken.Equal => BinaryOperator.Equal,
        SqlToken.NotEqual => BinaryOperator.NotEqual,
        SqlToken.Less => BinaryOperator.Less,
        SqlToken.Greater => BinaryOperator.Greater,
        SqlToken.LessOrEqual => BinaryOperator.LessOrEqual,
        _ => BinaryOperator.GreaterOrEqual,
    };

    private SqlExpr Binary(BinaryOperator op, SqlExpr left, SqlExpr right) => Bounded(new BinaryExpr(op, left, right, left.Position));

    /// <summary>Literals, "?", (expression), function calls, columns.</summary>
    private TokenListParser<SqlToken, SqlExpr> Primary(
        TokenListParser<SqlToken, Token<SqlToken>> name,
        TokenListParser<SqlToken, SqlExpr> expression)
    {
        var number = T(SqlToken.Number).Select(token => (SqlExpr)new LiteralExpr(
            SqlValue.FromNumber(SqlLiterals.Number(token.Span)
                ?? throw SqlSyntaxErrors.At(token.Span.Position, token.Span.Source!, $"number out of range {SqlSyntaxErrors.Quote(token.Span.ToStringValue())}")),
            Pos(token)));
        var text = T(SqlToken.String).Select(token => (SqlExpr)new LiteralExpr(SqlValue.FromText(SqlLiterals.Text(token.Span)), Pos(token)));
        var constant = T(SqlToken.True).Select(token => (SqlExpr)new LiteralExpr(SqlValue.True, Pos(token)))
            .Or(T(SqlToken.False).Select(token => (SqlExpr)new LiteralExpr(SqlValue.False, Pos(token))))
            .Or(T(SqlToken.Null).Select(token => (SqlExpr)new LiteralExpr(SqlValue.Null, Pos(token))));

        // Numbered in order of appearance after parsing (SqlPlaceholders): the parsers hold no per-call state.
        var parameter = T(SqlToken.Question).Select(token => (SqlExpr)new ParameterExpr(-1, Pos(token)));

        var qualifier = T(SqlToken.Dot).IgnoreThen(name).Select(token => (Token<SqlToken>?)token).OptionalOrDefault(null);
        var column =
            from first in name
            from second in qualifier
            select (SqlExpr)(second is { } columnName
                ? new ColumnExpr(SqlLiterals.Name(first), SqlLiterals.Name(columnName), Pos(first))
                : new ColumnExpr(null, SqlLiterals.Name(first), Pos(first)));

        // Chosen by the first token (and the second, for a call) rather than by trying alternatives in turn:
        // parentheses recurse through here, and a flat dispatch keeps each nesting level's stack small.
        return input =>
        {
            if (input.IsAtEnd)
            {
                return TokenListParserResult.Empty<SqlToken, SqlExpr>(input, ["expression"]);
            }

            var first = input.ConsumeToken();
            var kind = first.Value.Kind;
            switch (kind)
            {
                case SqlToken.Number:
                    return number(input);
                case SqlToken.String:
                    return text(input);
                case SqlToken.True or SqlToken.False or SqlToken.Null:
                    return constant(input);
                case SqlToken.Question:
                    return parameter(input);
                case SqlToken.LParen:
                    return Parenthesised(first.Remainder, expression);
            }

            // A word followed by "(" names a function, keywords included (LEFT, IF, ...); a `name` never does.
            if (SqlKeywords.IsFunctionName(kind) && !first.Remainder.IsAtEnd && first.Remainder.ConsumeToken() is { Value.Kind: SqlToken.LParen } open)
            {
                return Call(first.Value, open.Remainder, expression);
            }

            return kind is SqlToken.Identifier or SqlToken.QuotedIdentifier || SqlKeywords.IsNonReserved(kind)
                ? column(input)
                : TokenListParserResult.Empty<SqlToken, SqlExpr>(input, ["expression"]);
        };
    }

    private static TokenListParserResult<SqlToken, SqlExpr> Parenthesised(TokenList<SqlToken> afterOpen, TokenListParser<SqlToken, SqlExpr> expression)
    {
        var inner = expression(afterOpen);
        return inner.HasValue ? Close(inner.Value, inner.Remainder) : inner;
    }

    private static TokenListParserResult<SqlToken, T> Close<T>(T value, TokenList<SqlToken> remainder) =>
        !remainder.IsAtEnd && remainder.ConsumeToken() is { Value.Kind: SqlToken.RParen } close
            ? TokenListParserResult.Value(value, remainder, close.Remainder)
            : TokenListParserResult.Empty<SqlToken, T>(remainder, [")"]);

    /// <summary>name( [* | DISTINCT e, ... | e, ...] ): the arguments read in a loop.</summary>
    private TokenListParserResult<SqlToken, SqlExpr> Call(Token<SqlToken> function, TokenList<SqlToken> afterOpen, TokenListParser<SqlToken, SqlExpr> expression)
    {
        var remainder = afterOpen;
        var distinct = false;
        List<SqlExpr> arguments = [];
        var next = remainder.IsAtEnd ? default : remainder.ConsumeToken();
        if (next.HasValue && next.Value.Kind == SqlToken.Star)
        {
            arguments.Add(new StarExpr(null, Pos(next.Value)));
            remainder = next.Remainder;
        }
        else if (next.HasValue && next.Value.Kind == SqlToken.RParen)
        {
            // No arguments: now().
        }
        else
        {
            if (next.HasValue && next.Value.Kind == SqlToken.Distinct)
            {
                distinct = true;
                remainder = next.Remainder;
            }

            while (true)
            {
                var argument = expression(remainder);
                if (!argument.HasValue)
                {
                    return argument;
                }

                arguments.Add(argument.Value);
                remainder = argument.Remainder;
                if (remainder.IsAtEnd || remainder.ConsumeToken() is not { Value.Kind: SqlToken.Comma } comma)
                {
                    break;
                }

                remainder = comma.Remainder;
            }
        }

        return Close((SqlExpr)Bounded(new FunctionExpr(function.Span.ToStringValue(), arguments, distinct, Pos(function))), remainder);
    }

    /// <summary>A run of prefix operators (NOT NOT x, - - x) read in a loop, then folded from the inside out.</summary>
    private TokenListParser<SqlToken, SqlExpr> Prefixed(TokenListParser<SqlToken, SqlExpr> operand, SqlToken kind, UnaryOperator op)
    {
        var prefixed =
            from operators in T(kind).AtLeastOnce()
            from inner in operand
            select Fold(operators, inner);
        return input =>
        {
            if (!input.IsAtEnd && input.ConsumeToken().Value.Kind == kind)
            {
                return prefixed(input);
            }

            var result = operand(input);
            return result.HasValue || result.Remainder != input ? result : TokenListParserResult.Empty<SqlToken, SqlExpr>(input, ["expression"]);
        };

        SqlExpr Fold(Token<SqlToken>[] operators, SqlExpr inner)
        {
            for (var i = operators.Length - 1; i >= 0; i--)
            {
                inner = Bounded(new UnaryExpr(op, inner, Pos(operators[i])));
            }

            return inner;
        }
    }

    /// <summary>value followed by any number of predicate tails (a = b = c is (a = b) = c), applied in a loop.</summary>
    private static TokenListParser<SqlToken, SqlExpr> Predicates(
        TokenListParser<SqlToken, SqlExpr> operand,
        TokenListParser<SqlToken, Func<SqlExpr, SqlExpr>> tail) =>
        input =>
        {
            var first = operand(input);
            if (!first.HasValue)
            {
                return first;
            }

            var value = first.Value;
            var remainder = first.Remainder;
            while (true)
            {
                var next = tail(remainder);
                if (!next.HasValue)
                {
                    if (next.Remainder != remainder)
                    {
                        return TokenListParserResult.CastEmpty<SqlToken, Func<SqlExpr, SqlExpr>, SqlExpr>(next);
                    }

                    return TokenListParserResult.Value(value, input, remainder);
                }

                value = next.Value(value);
                remainder = next.Remainder;
            }
        };

    /// <summary>= != &lt;&gt; &lt; &gt; &lt;= &gt;=, [NOT] LIKE / ILIKE / IN / BETWEEN, IS [NOT] NULL, IS EXACTLY, HAS ANY / ALL / NONE OF.</summary>
    private TokenListParser<SqlToken, Func<SqlExpr, SqlExpr>> PredicateTail(
        TokenListParser<SqlToken, SqlExpr> additive,
        TokenListParser<SqlToken, SqlExpr> unary,
        TokenListParser<SqlToken, SqlExpr[]> list)
    {
        var compareOperator = Token.Matching<SqlToken>(
            kind => kind is SqlToken.Equal or SqlToken.NotEqual or SqlToken.Less or SqlToken.Greater or SqlToken.LessOrEqual or SqlToken.GreaterOrEqual,
            "comparison").Select(token => Operator(token.Kind));
        var compare =
            from op in compareOperator
            from right in additive
            select (Func<SqlExpr, SqlExpr>)(left => Binary(op, left, right));

        // A set operator takes a parenthesised list or one value.
        var setItems = list.Or(unary.Select(item => (SqlExpr[])[item]));

        TokenListParser<SqlToken, Func<SqlExpr, SqlExpr>> NullOrTrue(bool negated) =>
            T(SqlToken.Null).Select(_ => (Func<SqlExpr, SqlExpr>)(value => Bounded(new IsNullExpr(value, negated, value.Position))))
                .Or(T(SqlToken.True).Select(_ => (Func<SqlExpr, SqlExpr>)(value => Bounded(new IsTrueExpr(value, negated, value.Position)))));
        var isTail = T(SqlToken.Is).IgnoreThen(
            NullOrTrue(false)
                .Or(T(SqlToken.Not).IgnoreThen(NullOrTrue(true)))
                .Or(T(SqlToken.Exactly).IgnoreThen(setItems).Select(items => Set(SetOperator.IsExactly, items))));

        var hasTail =
            from has in T(SqlToken.Has)
            from op in T(SqlToken.Any).Value(SetOperator.HasAnyOf)
                .Or(T(SqlToken.All).Value(SetOperator.HasAllOf))
                .Or(T(SqlToken.NoneOf).Value(SetOperator.HasNoneOf))
            from of in T(SqlToken.Of)
            from items in setItems
            select Set(op, items);

        var positive = Negatable(false, additive, list);
        var negative = T(SqlToken.Not).IgnoreThen(Negatable(true, additive, list));
        return input =>
        {
            var parser = input.IsAtEnd ? null : input.ConsumeToken().Value.Kind switch
            {
                SqlToken.Equal or SqlToken.NotEqual or SqlToken.Less or SqlToken.Greater or SqlToken.LessOrEqual or SqlToken.GreaterOrEqual => compare,
                SqlToken.Like or SqlToken.Ilike or SqlToken.In or SqlToken.Between => positive,
                SqlToken.Not => negative,
                SqlToken.Is => isTail,
                SqlToken.Has => hasTail,
                _ => null,
            };
            return parser?.Invoke(input) ?? TokenListParserResult.Empty<SqlToken, Func<SqlExpr, SqlExpr>>(input);
        };

        Func<SqlExpr, SqlExpr> Set(SetOperator op, SqlExpr[] items) => value => Bounded(new SetExpr(value, op, items, value.Position));
    }

    /// <summary>LIKE, ILIKE, IN, BETWEEN: the predicates NOT may precede.</summary>
    private TokenListParser<SqlToken, Func<SqlExpr, SqlExpr>> Negatable(
        bool negated,
        TokenListParser<SqlToken, SqlExpr> additive,
        TokenListParser<SqlToken, SqlExpr[]> list)
    {
        var like =
            from op in T(SqlToken.Like).Value(false).Or(T(SqlToken.Ilike).Value(true))
            from pattern in additive
            select (Func<SqlExpr, SqlExpr>)(value => Bounded(new LikeExpr(value, pattern, negated, op, value.Position)));
        var inList = T(SqlToken.In).IgnoreThen(list)
            .Select(items => (Func<SqlExpr, SqlExpr>)(value => Bounded(new InExpr(value, items, negated, value.Position))));
        var between =
            from keyword in T(SqlToken.Between)
            from low in additive
            from and in T(SqlToken.And)
            from high in additive
            select (Func<SqlExpr, SqlExpr>)(value => Bounded(new BetweenExpr(value, low, high, negated, value.Position)));
        return like.Or(inList).Or(between);
    }

    private static TokenListParser<SqlToken, SqlStatement> Statements(
        TokenListParser<SqlToken, Token<SqlToken>> name,
        TokenListParser<SqlToken, SqlExpr> expression,
        TokenListParser<SqlToken, SqlExpr[]> expressions)
    {
        var comma = T(SqlToken.Comma);
        var alias = T(SqlToken.As).IgnoreThen(name.Named("alias")).Or(name)
            .Select(token => (string?)SqlLiterals.Name(token))
            .OptionalOrDefault(null);

        var star = T(SqlToken.Star).Select(token => new SelectItem(new StarExpr(null, Pos(token)), null, "*"));
        var tableStar =
            (from starTable in name
             from dot in T(SqlToken.Dot)
             from asterisk in T(SqlToken.Star)
             select new SelectItem(
                 new StarExpr(SqlLiterals.Name(starTable), Pos(starTable)),
                 null,
                 starTable.Span.Source![starTable.Span.Position.Absolute..(asterisk.Span.Position.Absolute + 1)]))
            .Try();
        var expressionItem =
            from item in WithText(expression)
            from itemAlias in alias
            select new SelectItem(item.Value, itemAlias, item.Text);
        TokenListParser<SqlToken, SelectItem> selectItem = input =>
        {
            var first = input.IsAtEnd ? default : input.ConsumeToken();
            if (first.HasValue && first.Value.Kind == SqlToken.Star)
            {
                return star(input);
            }

            var second = first.HasValue && !first.Remainder.IsAtEnd ? first.Remainder.ConsumeToken() : default;
            if (second.HasValue && second.Value.Kind == SqlToken.Dot && !second.Remainder.IsAtEnd && second.Remainder.ConsumeToken().Value.Kind == SqlToken.Star)
            {
                return tableStar(input);
            }

            var result = expressionItem(input);
            return result.HasValue || result.Remainder != input ? result : TokenListParserResult.Empty<SqlToken, SelectItem>(input, ["expression or *"]);
        };
        var items = selectItem.AtLeastOnceDelimitedBy(comma);

        var table =
            from tableName in name.Named("table name")
            from tableAlias in alias
            select new SqlTableRef(SqlLiterals.Name(tableName), tableAlias, Pos(tableName));

        var whereClause = T(SqlToken.Where).IgnoreThen(expression).Select(e => (SqlExpr?)e).OptionalOrDefault(null);
        var groupByClause = T(SqlToken.Group).IgnoreThen(T(SqlToken.By)).IgnoreThen(expressions).OptionalOrDefault([]);
        var having = T(SqlToken.Having).IgnoreThen(expression).Select(e => (SqlExpr?)e).OptionalOrDefault(null);
        var orderItem =
            from e in expression
            from isDescending in T(SqlToken.Asc).Value(false).Or(T(SqlToken.Desc).Value(true)).OptionalOrDefault(false)
            select new OrderItem(e, isDescending);
        var orderByClause = T(SqlToken.Order).IgnoreThen(T(SqlToken.By)).IgnoreThen(orderItem.AtLeastOnceDelimitedBy(comma)).OptionalOrDefault([]);

        var count = T(SqlToken.Number).Select(Count).Named("whole number");
        var limit =
            (from keyword in T(SqlToken.Limit)
             from first in count
             from rest in comma.IgnoreThen(count).Select(n => (Limit: (long?)n, Offset: (long?)first))
                 .Or(T(SqlToken.Offset).IgnoreThen(count).Select(m => (Limit: (long?)first, Offset: (long?)m)))
                 .OptionalOrDefault((Limit: first, Offset: null))
             select rest)
            .OptionalOrDefault((Limit: null, Offset: null));

        var select =
            from keyword in T(SqlToken.Select)
            from distinct in T(SqlToken.Distinct).Value(true).OptionalOrDefault(false)
            from selected in items
            from tables in T(SqlToken.From).IgnoreThen(table.AtLeastOnceDelimitedBy(comma))
            from filter in whereClause
            from groups in groupByClause
            from groupFilter in having
            from order in orderByClause
            from bounds in limit
            select (SqlStatement)new SelectStatement(distinct, selected, tables, filter, groups, groupFilter, order, bounds.Limit, bounds.Offset);

        // A list column is set to a parenthesised list ("SET Tags = ('a', 'b')"); "(1 + 2) * 3" stays an expression.
        var assignedValue = expression.Try().Or(
            from open in T(SqlToken.LParen)
            from values in expressions
            from close in T(SqlToken.RParen)
            select (SqlExpr)new ListExpr(values, Pos(open)));
        var assignment =
            from column in name.Named("column name")
            from equal in T(SqlToken.Equal)
            from value in assignedValue
            select new Assignment(SqlLiterals.Name(column), value, Pos(column));
        var update =
            from keyword in T(SqlToken.Update)
            from target in table
            from set in T(SqlToken.Set)
            from assignments in assignment.AtLeastOnceDelimitedBy(comma)
            from filter in whereClause
            select (SqlStatement)new UpdateStatement(target, assignments, filter);

        var delete =
            from keyword in T(SqlToken.Delete)
            from target in T(SqlToken.From).IgnoreThen(table)
            from filter in whereClause
            select (SqlStatement)new DeleteStatement(target, filter);

        // Only the table matters: SeaTable refuses INSERT without big data storage, whatever follows.
        var insert =
            from keyword in T(SqlToken.Insert)
            from intoKeyword in T(SqlToken.Into)
            from target in name.Named("table name")
            from rest in Token.Matching<SqlToken>(_ => true, "anything").Many()
            select (SqlStatement)new InsertStatement(new SqlTableRef(SqlLiterals.Name(target), null, Pos(target)));

        var statement = select.Or(update).Or(delete).Or(insert);
        return statement
            .Then(s => T(SqlToken.Semicolon).Optional().Value(s))
            .Then(s => EndOfStatement.Value(s));
    }

    private static readonly TokenListParser<SqlToken, Unit> EndOfStatement = input =>
        input.IsAtEnd
            ? TokenListParserResult.Value(Unit.Value, input, input)
            : TokenListParserResult.Empty<SqlToken, Unit>(input, ["end of statement"]);

    private static long Count(Token<SqlToken> token) =>
        long.TryParse(token.Span.AsReadOnlySpan(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SqlSyntaxErrors.At(token.Span.Position, token.Span.Source!, $"unexpected {SqlSyntaxErrors.Quote(token.Span.ToStringValue())}, expected whole number");

    /// <summary>An expression with its source text (blanks around it removed), the name of an unaliased select item.</summary>
    private static TokenListParser<SqlToken, (SqlExpr Value, string Text)> WithText(TokenListParser<SqlToken, SqlExpr> parser) =>
        input =>
        {
            var result = parser(input);
            if (!result.HasValue)
            {
                return TokenListParserResult.CastEmpty<SqlToken, SqlExpr, (SqlExpr, string)>(result);
            }

            var first = input.ConsumeToken().Value.Span;
            var source = first.Source!;
            var end = result.Remainder.IsAtEnd ? source.Length : result.Remainder.ConsumeToken().Value.Span.Position.Absolute;
            return TokenListParserResult.Value((result.Value, source[first.Position.Absolute..end].TrimEnd()), input, result.Remainder);
        };
}
