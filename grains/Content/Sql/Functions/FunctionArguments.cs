using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// Reading a function's arguments as the kind it takes. An empty argument (null, '', an empty list) is 0 or ""
/// as SeaTable documents ("In formulas, NULL is converted to 0 or empty string", developer.seatable.com/sql
/// data-types; sql-reference.md 4.4), an omitted or empty optional argument takes its default, and an empty
/// date gives an empty result (there is no date to convert it to). An argument that is there but cannot be
/// read as the kind is refused with a message naming the function and the argument (1-based), e.g.
/// "Function year: argument 1 is not a date.". A list where one value is expected is its first item
/// (sql-reference.md 4.3).
/// </summary>
internal static class FunctionArguments
{
    /// <summary>The longest text a function builds (rept, concatenate, substitute, replace): bounds memory per row.</summary>
    public const int MaxTextLength = 1_000_000;

    /// <summary>The argument at <paramref name="index"/>, Null when it was omitted.</summary>
    public static SqlValue At(ReadOnlySpan<SqlValue> arguments, int index) =>
        index < arguments.Length ? Single(arguments[index]) : SqlValue.Null;

    /// <summary>A list where a function takes one value is its first item (SeaTable: for a linked record, the display column's value); an empty list is Null.</summary>
    public static SqlValue Single(SqlValue value) => value.Kind == SqlKind.List
        ? value.Items.Count == 0 ? SqlValue.Null : Single(value.Items[0])
        : value;

    /// <summary>The argument as a number; an empty argument is 0 (SeaTable: "in formulas, NULL is converted to 0 or empty string").</summary>
    public static double Number(string function, ReadOnlySpan<SqlValue> arguments, int index) =>
        OptionalNumber(function, arguments, index) ?? 0;

    /// <summary>An optional number: null when omitted or empty, so the caller applies the documented default.</summary>
    public static double? OptionalNumber(string function, ReadOnlySpan<SqlValue> arguments, int index)
    {
        var value = At(arguments, index);
        if (value.IsEmpty)
        {
            return null;
        }

        // Dates are not numbers (SeaTable: a date cannot be used as a parameter of a maths function).
        return value.Kind == SqlKind.Date ? throw NotA(function, index, "a number") : value.ToNumber() ?? throw NotA(function, index, "a number");
    }

    /// <summary>A number rounded down to a whole number (SeaTable floors decimal positions and counts), clamped to the range of long; empty is 0.</summary>
    public static long Whole(string function, ReadOnlySpan<SqlValue> arguments, int index) =>
        ToLong(Math.Floor(Number(function, arguments, index)));

    /// <summary>An optional whole number: null when omitted or empty.</summary>
    public static long? OptionalWhole(string function, ReadOnlySpan<SqlValue> arguments, int index) =>
        OptionalNumber(function, arguments, index) is { } n ? ToLong(Math.Floor(n)) : null;

    public static long ToLong(double whole) => whole >= long.MaxValue ? long.MaxValue : whole <= long.MinValue ? long.MinValue : (long)whole;

    /// <summary>The argument as text (numbers invariant, dates ISO); an empty argument is "".</summary>
    public static string Text(ReadOnlySpan<SqlValue> arguments, int index) => At(arguments, index).ToText();

    /// <summary>The argument as a date: a date value or a text that reads as one ("2025-01-03", "2025-01-03 12:00:01", ISO 8601).</summary>
    public static SqlValue? Date(string function, ReadOnlySpan<SqlValue> arguments, int index)
    {
        var value = At(arguments, index);
        if (value.IsEmpty)
        {
            return null;
        }

        return SqlDates.Parse(value) ?? throw NotA(function, index, "a date");
    }

    /// <summary>
    /// Whether a value counts as true for and/or/xor/not/if: not empty and not zero (SeaTable: "valid, not
    /// empty and not equal to zero"). A text reads as false when it is a zero or "false".
    /// </summary>
    public static bool IsTrue(SqlValue value)
    {
        value = Single(value);
        return value.Kind switch
        {
            SqlKind.Null => false,
            SqlKind.Bool or SqlKind.Number => value.Number != 0,
            SqlKind.Text => value.Text!.Length != 0
                && !string.Equals(value.Text.Trim(), "false", StringComparison.OrdinalIgnoreCase)
                && value.ToNumber() is not 0d,
            SqlKind.List => value.Items.Count != 0,
            _ => true,
        };
    }

    /// <summary>
    /// Equality as switch and equal() see it: two empty values are equal, an empty and a non-empty one are not,
    /// texts ignoring case (exact() is the formula that matches case).
    /// </summary>
    public static bool Same(SqlValue x, SqlValue y)
    {
        x = Single(x);
        y = Single(y);
        return x.IsEmpty || y.IsEmpty ? x.IsEmpty && y.IsEmpty
            : x.Kind == SqlKind.Text && y.Kind == SqlKind.Text ? string.Equals(x.Text, y.Text, StringComparison.OrdinalIgnoreCase)
            : SqlComparer.Equal(x, y);
    }

    public static SqlException NotA(string function, int index, string what) =>
        SqlException.Invalid($"Function {function}: argument {index + 1} is not {what}.");

    public static SqlException Refused(string function, int index, string why) =>
        SqlException.Invalid($"Function {function}: argument {index + 1} {why}.");

    /// <summary>Refuses a text result over <see cref="MaxTextLength"/> before it is built.</summary>
    public static void CheckLength(string function, long length)
    {
        if (length > MaxTextLength)
        {
            throw new SqlException(SqlError.LimitExceeded, $"Function {function}: the result would be longer than 1,000,000 characters.");
        }
    }
}
