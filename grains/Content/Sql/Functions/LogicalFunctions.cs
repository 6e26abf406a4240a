using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Grains.Content.Sql.Functions.FunctionArguments;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// SeaTable's logical functions and comparison operators (developer.seatable.com/sql/functions, "Logical
/// functions", "Greater-Less comparisons", "Equal-Not equal comparisons"). A value is true when it is not
/// empty and not zero (<see cref="FunctionArguments.IsTrue"/>). The arguments arrive evaluated, so if/ifs/switch
/// choose among values the engine has already computed. if without falseValue answers '' when the condition
/// is false (as documented); ifs and switch without a match answer null (SeaTable documents nothing there).
/// </summary>
internal static class LogicalFunctions
{
    public static IEnumerable<SqlFunction> All() =>
    [
        new("and", 1, -1, (a, _) => SqlValue.FromBool(CountTrue(a) == a.Length)),
        new("or", 1, -1, (a, _) => SqlValue.FromBool(CountTrue(a) > 0)),
        new("xor", 1, -1, (a, _) => SqlValue.FromBool(CountTrue(a) % 2 == 1)),
        new("not", 1, 1, (a, _) => SqlValue.FromBool(!IsTrue(a[0]))),
        new("if", 2, 3, (a, _) => IsTrue(a[0]) ? a[1] : a.Length > 2 ? a[2] : SqlValue.FromText("")),
        new("ifs", 2, -1, Ifs),
        new("switch", 3, -1, Switch),
        new("greater", 2, 2, (a, _) => Compare(a, c => c > 0)),
        new("lessthan", 2, 2, (a, _) => Compare(a, c => c < 0)),
        new("greatereq", 2, 2, (a, _) => Compare(a, c => c >= 0)),
        new("lessthaneq", 2, 2, (a, _) => Compare(a, c => c <= 0)),
        new("equal", 2, 2, (a, _) => SqlValue.FromBool(Same(a[0], a[1]))),
        new("unequal", 2, 2, (a, _) => SqlValue.FromBool(!Same(a[0], a[1]))),
    ];

    private static int CountTrue(ReadOnlySpan<SqlValue> arguments)
    {
        var count = 0;
        foreach (var argument in arguments)
        {
            count += IsTrue(argument) ? 1 : 0;
        }

        return count;
    }

    /// <summary>ifs(logical1, value1, logical2, value2, ...): the value of the first true condition, empty when none is; an odd number of arguments is refused.</summary>
    private static SqlValue Ifs(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        if (arguments.Length % 2 != 0)
        {
            throw SqlException.Invalid("Function ifs: the arguments must be pairs of a condition and a value.");
        }

        for (var i = 0; i < arguments.Length; i += 2)
        {
            if (IsTrue(arguments[i]))
            {
                return arguments[i + 1];
            }
        }

        return SqlValue.Null;
    }

    /// <summary>switch(logical, matcher1, value1, ..., default): the value of the first matcher equal to logical; the default (an odd last argument) or empty when none matches.</summary>
    private static SqlValue Switch(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var subject = arguments[0];
        var i = 1;
        for (; i + 1 < arguments.Length; i += 2)
        {
            if (Same(subject, arguments[i]))
            {
                return arguments[i + 1];
            }
        }

        return i < arguments.Length ? arguments[i] : SqlValue.Null;
    }

    /// <summary>
    /// greater/lessthan/...: numbers as numbers, dates as dates, texts ignoring case (the engine's comparison).
    /// An empty side is 0 against a number and "" otherwise (sql-reference.md 4.4), so greater(empty, -1) is true.
    /// </summary>
    private static SqlValue Compare(ReadOnlySpan<SqlValue> arguments, Func<int, bool> holds)
    {
        var (x, y) = (Single(arguments[0]), Single(arguments[1]));
        return SqlValue.FromBool(holds(SqlComparer.Compare(Filled(x, y), Filled(y, x))));
    }

    private static SqlValue Filled(SqlValue value, SqlValue other) =>
        !value.IsEmpty ? value : other.ToNumber() is not null || other.IsEmpty ? SqlValue.FromNumber(0) : SqlValue.FromText("");
}
