using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>The predicates beyond comparisons: LIKE, IN, BETWEEN and the list operators.</summary>
internal sealed partial class SqlCompiler
{
    private Node CompileLike(LikeExpr like)
    {
        var value = CompileNode(like.Value).Evaluator;
        var pattern = CompileNode(like.Pattern);
        var negated = like.Negated;
        if (pattern.IsConstant)
        {
            var text = Scalar(pattern.Evaluator(null!));
            if (text.IsEmpty)
            {
                return Node.Constant(SqlValue.FromBool(negated));
            }

            var compiled = new LikePattern(text.ToText(), like.IgnoreCase);
            return new Node(tuple =>
            {
                var v = Scalar(value(tuple));
                return SqlValue.FromBool(v.IsEmpty ? negated : compiled.Matches(v.ToText()) != negated);
            }, false);
        }

        var patternOf = pattern.Evaluator;
        var ignoreCase = like.IgnoreCase;
        (string Text, LikePattern Pattern)? last = null;
        return new Node(tuple =>
        {
            var v = Scalar(value(tuple));
            var p = Scalar(patternOf(tuple));
            if (v.IsEmpty || p.IsEmpty)
            {
                return SqlValue.FromBool(negated);
            }

            var text = p.ToText();
            if (last is not { } kept || kept.Text != text)
            {
                last = kept = (text, new LikePattern(text, ignoreCase));
            }

            return SqlValue.FromBool(kept.Pattern.Matches(v.ToText()) != negated);
        }, false);
    }

    private Node CompileIn(InExpr @in)
    {
        var value = CompileNode(@in.Value);
        var items = @in.Items.Select(CompileNode).ToList();
        var negated = @in.Negated;
        if (items.All(i => i.IsConstant))
        {
            // A long constant list (_id IN (... 1,000 ids ...)) is looked up, not walked, for each row.
            var constants = items.Select(i => Scalar(i.Evaluator(null!))).Where(v => !v.IsEmpty).ToList();
            var texts = constants.Where(c => c.Kind == SqlKind.Text).Select(c => c.Text!).ToHashSet(StringComparer.Ordinal);
            var others = constants.Where(c => c.Kind != SqlKind.Text).ToList();
            var v0 = value.Evaluator;
            return new Node(tuple =>
            {
                var v = Scalar(v0(tuple));
                if (v.IsEmpty)
                {
                    return SqlValue.FromBool(negated);
                }

                var found = (v.Kind == SqlKind.Text && texts.Contains(v.Text!))
                            || others.Any(o => SqlComparer.Compare(v, o) == 0)
                            || (v.Kind != SqlKind.Text && texts.Count > 0 && constants.Any(o => SqlComparer.Compare(v, o) == 0));
                return SqlValue.FromBool(found != negated);
            }, value.IsConstant);
        }

        var evaluators = items.Select(i => i.Evaluator).ToArray();
        var ve = value.Evaluator;
        return new Node(tuple =>
        {
            var v = Scalar(ve(tuple));
            if (v.IsEmpty)
            {
                return SqlValue.FromBool(negated);
            }

            var found = false;
            foreach (var item in evaluators)
            {
                var candidate = Scalar(item(tuple));
                if (!candidate.IsEmpty && SqlComparer.Compare(v, candidate) == 0)
                {
                    found = true;
                    break;
                }
            }

            return SqlValue.FromBool(found != negated);
        }, false);
    }

    private Node CompileBetween(BetweenExpr between)
    {
        var (v, low, high) = (CompileNode(between.Value), CompileNode(between.Low), CompileNode(between.High));
        var (ve, le, he) = (v.Evaluator, low.Evaluator, high.Evaluator);
        var negated = between.Negated;
        return new Node(tuple =>
        {
            var a = Scalar(ve(tuple));
            var lo = Scalar(le(tuple));
            var hi = Scalar(he(tuple));
            if (a.IsEmpty || lo.IsEmpty || hi.IsEmpty)
            {
                return SqlValue.FromBool(negated);
            }

            var inside = SqlComparer.Compare(a, lo) >= 0 && SqlComparer.Compare(a, hi) <= 0;
            return SqlValue.FromBool(inside != negated);
        }, v.IsConstant && low.IsConstant && high.IsConstant);
    }

    private Node CompileSet(SetExpr set)
    {
        var value = CompileNode(set.Value).Evaluator;
        var items = set.Items.Select(i => CompileNode(i).Evaluator).ToArray();
        var op = set.Operator;
        return new Node(tuple =>
        {
            var have = TextsOf(value(tuple));
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                foreach (var text in TextsOf(item(tuple)))
                {
                    wanted.Add(text);
                }
            }

            var result = op switch
            {
                SetOperator.HasAnyOf => have.Any(wanted.Contains),
                SetOperator.HasAllOf => have.Count > 0 && wanted.All(have.Contains),
                SetOperator.HasNoneOf => !have.Any(wanted.Contains),
                _ => have.Count > 0 && have.ToHashSet(StringComparer.Ordinal).SetEquals(wanted),
            };
            return SqlValue.FromBool(result);
        }, false);
    }

    private static List<string> TextsOf(SqlValue value) => value.Kind switch
    {
        SqlKind.List => [.. value.Items.Where(i => !i.IsEmpty).Select(i => i.ToText())],
        _ when value.IsEmpty => [],
        _ => [value.ToText()],
    };
}
