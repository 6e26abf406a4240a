using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Syntax;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>Function calls: scalar functions, the lazy conditionals, aggregates, and list values.</summary>
internal sealed partial class SqlCompiler
{
    private Node CompileList(ListExpr list)
    {
        var items = list.Items.Select(CompileNode).ToArray();
        var evaluators = items.Select(i => i.Evaluator).ToArray();
        return new Node(tuple => SqlValue.FromList([.. evaluators.Select(e => e(tuple))]), items.All(i => i.IsConstant));
    }

    private Node CompileFunction(FunctionExpr function)
    {
        if (SqlAggregate.KindOf(function.Name) is { } kind)
        {
            return CompileAggregate(function, kind);
        }

        if (SqlConditionals.Compile(function, CompileArguments) is { } conditional)
        {
            return new Node(conditional.Evaluator, conditional.IsConstant);
        }

        var definition = SqlFunctions.Find(function.Name) ?? throw SqlException.Invalid($"Unknown function {function.Name}.");
        var count = function.Arguments.Count;
        if (count < definition.MinArguments || (definition.MaxArguments >= 0 && count > definition.MaxArguments))
        {
            var takes = definition.MaxArguments < 0 ? $"at least {definition.MinArguments}"
                : definition.MinArguments == definition.MaxArguments ? $"{definition.MinArguments}"
                : $"{definition.MinArguments} to {definition.MaxArguments}";
            throw SqlException.Invalid($"Function {function.Name} takes {takes} argument{(takes == "1" ? "" : "s")}, not {count}.");
        }

        if (function.Distinct)
        {
            throw SqlException.Invalid($"DISTINCT is allowed only in COUNT, not in {function.Name}.");
        }

        var arguments = function.Arguments.Select(CompileNode).ToArray();
        var evaluators = arguments.Select(a => a.Evaluator).ToArray();
        var body = definition.Invoke;
        // One buffer per call site: evaluation is single-threaded and a call site never nests in itself.
        var buffer = new SqlValue[evaluators.Length];
        return new Node(tuple =>
        {
            for (var i = 0; i < evaluators.Length; i++)
            {
                buffer[i] = evaluators[i](tuple);
            }

            return body(buffer, functions);
        }, arguments.All(a => a.IsConstant));
    }

    private Node CompileAggregate(FunctionExpr function, AggregateKind kind)
    {
        if (Aggregates is not { } aggregates)
        {
            throw SqlException.Invalid($"Aggregate function {function.Name.ToUpperInvariant()} is not allowed here (only in the select list, HAVING and ORDER BY).");
        }

        if (function.Arguments.Count != 1)
        {
            throw SqlException.Invalid($"Function {function.Name.ToUpperInvariant()} takes 1 argument, not {function.Arguments.Count}.");
        }

        SqlAggregate aggregate;
        if (function.Arguments[0] is StarExpr)
        {
            aggregate = kind == AggregateKind.Count && !function.Distinct
                ? new SqlAggregate(AggregateKind.CountRows, null, false)
                : throw SqlException.Invalid($"{function.Name.ToUpperInvariant()}(*) is not allowed: only COUNT(*).");
        }
        else
        {
            // The argument is read per row, where no aggregate may nest in it.
            var saved = Aggregates;
            Aggregates = null;
            try
            {
                aggregate = new SqlAggregate(kind, Compile(function.Arguments[0]), function.Distinct);
            }
            finally
            {
                Aggregates = saved;
            }
        }

        var index = aggregates.Count;
        aggregates.Add(aggregate);
        return new Node(tuple => tuple.Aggregates[index], false);
    }

    private (SqlEvaluator[] Evaluators, bool IsConstant) CompileArguments(IReadOnlyList<SqlExpr> arguments)
    {
        var nodes = arguments.Select(CompileNode).ToArray();
        return ([.. nodes.Select(n => n.Evaluator)], nodes.All(n => n.IsConstant));
    }
}
