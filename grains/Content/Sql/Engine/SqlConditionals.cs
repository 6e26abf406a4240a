using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>
/// if, ifs and switch evaluated lazily: only the branch taken is computed, so if(x = 0, 0, 1 / x) does not
/// divide by zero, as a formula would not. The same rules as the functions themselves (FunctionArguments'
/// truth and equality); arity checked here, with the function's own texts.
/// </summary>
internal static class SqlConditionals
{
    public static (SqlEvaluator Evaluator, bool IsConstant)? Compile(FunctionExpr function,
        Func<IReadOnlyList<SqlExpr>, (SqlEvaluator[] Evaluators, bool IsConstant)> compile)
    {
        var name = function.Name.ToLowerInvariant();
        if (name is not ("if" or "ifs" or "switch"))
        {
            return null;
        }

        var count = function.Arguments.Count;
        var (minimum, maximum) = name switch { "if" => (2, 3), "ifs" => (2, int.MaxValue), _ => (3, int.MaxValue) };
        if (count < minimum || count > maximum)
        {
            var takes = maximum == int.MaxValue ? $"at least {minimum}" : $"{minimum} to {maximum}";
            throw SqlException.Invalid($"Function {function.Name} takes {takes} arguments, not {count}.");
        }

        if (name == "ifs" && count % 2 != 0)
        {
            throw SqlException.Invalid("Function ifs: the arguments must be pairs of a condition and a value.");
        }

        var (a, constant) = compile(function.Arguments);
        SqlEvaluator evaluator = name switch
        {
            "if" => tuple => FunctionArguments.IsTrue(a[0](tuple)) ? a[1](tuple) : a.Length > 2 ? a[2](tuple) : SqlValue.FromText(""),
            "ifs" => tuple =>
            {
                for (var i = 0; i < a.Length; i += 2)
                {
                    if (FunctionArguments.IsTrue(a[i](tuple)))
                    {
                        return a[i + 1](tuple);
                    }
                }

                return SqlValue.Null;
            },
            _ => tuple =>
            {
                var subject = a[0](tuple);
                var i = 1;
                for (; i + 1 < a.Length; i += 2)
                {
                    if (FunctionArguments.Same(subject, a[i](tuple)))
                    {
                        return a[i + 1](tuple);
                    }
                }

                return i < a.Length ? a[i](tuple) : SqlValue.Null;
            },
        };
        return (evaluator, constant);
    }
}
