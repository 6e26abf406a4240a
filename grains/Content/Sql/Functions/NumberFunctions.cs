using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Grains.Content.Sql.Functions.FunctionArguments;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// SeaTable's mathematical functions and arithmetic operators (developer.seatable.com/sql/functions,
/// "Mathematical functions", "Arithmetic operators"). A text argument is read as a number ('12' is 12); one
/// that is not a number is refused; an empty argument is 0 (sql-reference.md 4.4: "Inside formulas, NULL
/// becomes 0"), an empty optional one takes its default.
/// Domain errors answer null, not an error: SeaTable's formula errors (#NUM!, #DIV/0!) count as NULL
/// (sql-reference.md 4.4), and an empty divisor cell must not fail a whole statement. So: sqrt of a negative,
/// log of zero or a negative (or to base 1), divide and mod by zero, ceiling/floor with a significance whose
/// sign does not fit the number, and any result that is not a finite number (power(10, 400)).
/// </summary>
internal static class NumberFunctions
{
    public static IEnumerable<SqlFunction> All() =>
    [
        new("add", 2, 2, (a, _) => Binary("add", a, (x, y) => x + y)),
        new("subtract", 2, 2, (a, _) => Binary("subtract", a, (x, y) => x - y)),
        new("multiply", 2, 2, (a, _) => Binary("multiply", a, (x, y) => x * y)),
        new("divide", 2, 2, (a, _) => Binary("divide", a, (x, y) => y == 0 ? double.NaN : x / y)),
        new("mod", 2, 2, (a, _) => Binary("mod", a, Mod)),
        new("power", 2, 2, (a, _) => Binary("power", a, Math.Pow)),
        new("abs", 1, 1, (a, _) => Unary("abs", a, Math.Abs)),
        new("ceiling", 1, 2, (a, _) => Multiple("ceiling", a, Math.Ceiling)),
        new("floor", 1, 2, (a, _) => Multiple("floor", a, Math.Floor)),
        new("even", 1, 1, (a, _) => Unary("even", a, n => UpTo(n, odd: false))),
        new("odd", 1, 1, (a, _) => Unary("odd", a, n => UpTo(n, odd: true))),
        new("exp", 1, 1, (a, _) => Unary("exp", a, Math.Exp)),
        new("int", 1, 1, (a, _) => Unary("int", a, Math.Floor)),
        new("lg", 1, 1, (a, _) => Unary("lg", a, n => n > 0 ? Math.Log10(n) : double.NaN)),
        new("log", 1, 2, Log),
        new("round", 1, 2, (a, _) => RoundBy("round", a, Rounding.HalfAwayFromZero)),
        new("rounddown", 1, 2, (a, _) => RoundBy("rounddown", a, Rounding.TowardZero)),
        new("roundup", 1, 2, (a, _) => RoundBy("roundup", a, Rounding.AwayFromZero)),
        new("sign", 1, 1, (a, _) => Unary("sign", a, n => Math.Sign(n))),
        new("sqrt", 1, 1, (a, _) => Unary("sqrt", a, n => n >= 0 ? Math.Sqrt(n) : double.NaN)),
    ];

    private enum Rounding
    {
        HalfAwayFromZero,
        TowardZero,
        AwayFromZero,
    }

    /// <summary>round(n, digits) half away from zero, as SeaTable's round(3.145, 2) is 3.15.</summary>
    public static double RoundDigits(double number, int digits) => Round(number, digits, Rounding.HalfAwayFromZero);

    private static SqlValue Unary(string name, ReadOnlySpan<SqlValue> arguments, Func<double, double> body) =>
        SqlValue.FromNumber(Normal(body(Number(name, arguments, 0))));

    private static SqlValue Binary(string name, ReadOnlySpan<SqlValue> arguments, Func<double, double, double> body) =>
        SqlValue.FromNumber(Normal(body(Number(name, arguments, 0), Number(name, arguments, 1))));

    /// <summary>-0 is written as 0.</summary>
    private static double Normal(double n) => n == 0 ? 0 : n;

    /// <summary>The remainder with the divisor's sign (mod(-1, 3) is 2), as in SeaTable's formulas and spreadsheets.</summary>
    private static double Mod(double x, double y) => y == 0 ? double.NaN : x - y * Math.Floor(x / y);

    /// <summary>
    /// ceiling/floor(number, significance): to a multiple of significance (default 1). ceiling(-2.14, 4) is 0
    /// (towards zero for a negative number and positive significance), floor(-3.14, 5) is -5. A significance
    /// of 0 gives 0 for ceiling, null for floor; a positive number with a negative significance gives null.
    /// </summary>
    private static SqlValue Multiple(string name, ReadOnlySpan<SqlValue> arguments, Func<double, double> direction)
    {
        var n = Number(name, arguments, 0);
        var s = OptionalNumber(name, arguments, 1) ?? 1;
        if (s == 0)
        {
            return name == "ceiling" ? SqlValue.FromNumber(0) : SqlValue.Null;
        }

        if (n > 0 && s < 0)
        {
            return SqlValue.Null;
        }

        // Divide as decimals where they fit, so that ceiling(0.3, 0.1) is 0.3 and not 0.4.
        if (Math.Abs(n) < 1e15 && Math.Abs(s) is > 1e-15 and < 1e15 && Math.Abs(n / s) < 1e15)
        {
            var q = (decimal)n / (decimal)s;
            var whole = name == "ceiling" ? decimal.Ceiling(q) : decimal.Floor(q);
            return SqlValue.FromNumber(Normal((double)(whole * (decimal)s)));
        }

        return SqlValue.FromNumber(Normal(direction(n / s) * s));
    }

    /// <summary>even/odd: the nearest even/odd whole number not below the number (even(2.14) is 4, odd(-2.14) is -1).</summary>
    private static double UpTo(double n, bool odd)
    {
        var c = Math.Ceiling(n);
        var isOdd = Math.Abs(c % 2) == 1;
        return isOdd == odd ? c : c + 1;
    }

    /// <summary>log(number, base): base 10 when omitted (or empty); null for a number or base that is not positive, or base 1.</summary>
    private static SqlValue Log(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var n = Number("log", arguments, 0);
        var b = OptionalNumber("log", arguments, 1) ?? 10;
        if (n <= 0 || b <= 0 || b == 1)
        {
            return SqlValue.Null;
        }

        var result = b == 10 ? Math.Log10(n) : Math.Log(n) / Math.Log(b);
        // log(81, 3) is 4, not 4.000000000000001.
        return SqlValue.FromNumber(Normal(Math.Round(result, 12) is var r && Math.Abs(r - result) < 1e-12 ? r : result));
    }

    /// <summary>round/rounddown/roundup(number, digits): digits default 0, rounded down to a whole number; negative digits round left of the point (round(3.14, -3) is 0).</summary>
    private static SqlValue RoundBy(string name, ReadOnlySpan<SqlValue> arguments, Rounding mode)
    {
        var digits = OptionalWhole(name, arguments, 1) ?? 0;
        return SqlValue.FromNumber(Normal(Round(Number(name, arguments, 0), (int)Math.Clamp(digits, -400, 400), mode)));
    }

    private static double Round(double n, int digits, Rounding mode)
    {
        if (digits >= 0)
        {
            // Beyond 15 significant digits a double has no more decimals to round.
            if (digits > 15 || Math.Abs(n) >= 1e15)
            {
                return n;
            }

            if (Math.Abs(n) < 1e-20)
            {
                return mode == Rounding.AwayFromZero && n != 0 ? Math.CopySign(Math.Pow(10, -digits), n) : 0;
            }

            // As decimals: the double's shortest text is what the user sees (2.675 rounds to 2.68, as in SeaTable).
            var d = decimal.Parse(n.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            return (double)(mode switch
            {
                Rounding.HalfAwayFromZero => Math.Round(d, digits, MidpointRounding.AwayFromZero),
                Rounding.TowardZero => Math.Round(d, digits, MidpointRounding.ToZero),
                _ => Math.Round(d, digits, d < 0 ? MidpointRounding.ToNegativeInfinity : MidpointRounding.ToPositiveInfinity),
            });
        }

        if (digits < -308)
        {
            // Every double rounds to 0 at that scale; rounding away from zero has no finite answer.
            return mode == Rounding.AwayFromZero && n != 0 ? double.NaN : 0;
        }

        var scale = Math.Pow(10, -digits);
        var q = n / scale;
        var whole = mode switch
        {
            Rounding.HalfAwayFromZero => Math.Round(q, MidpointRounding.AwayFromZero),
            Rounding.TowardZero => Math.Truncate(q),
            _ => q < 0 ? Math.Floor(q) : Math.Ceiling(q),
        };
        return whole * scale;
    }
}
