using System.Globalization;
using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Values;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>
/// Calls a registered function with test values written compactly: null is Null, a number a number, a bool a
/// bool, "D:2025-01-03" a calendar date, "T:2025-01-03T10:00:00" a date with time, an object[] a list, any other
/// string a text. Results come back in the same notation (numbers as double).
/// </summary>
internal static class FunctionCalls
{
    /// <summary>The statement's start in every test: now() and today() read it, never the clock.</summary>
    public static readonly SqlFunctionContext Context = new(new DateTime(2025, 3, 15, 10, 20, 30, DateTimeKind.Utc));

    public static SqlValue Invoke(string name, object?[]? arguments)
    {
        var function = SqlFunctions.Find(name) ?? throw new InvalidOperationException($"{name} is not registered");
        // xunit passes a lone null for a params array as the array itself.
        var values = (arguments ?? [null]).Select(ToValue).ToArray();
        Assert.InRange(values.Length, function.MinArguments, function.MaxArguments < 0 ? int.MaxValue : function.MaxArguments);
        return function.Invoke(values, Context);
    }

    public static void Expect(object? expected, string name, object?[]? arguments)
    {
        var actual = Render(Invoke(name, arguments));
        if (expected is int or long or double)
        {
            var number = Assert.IsType<double>(actual);
            Assert.Equal(Convert.ToDouble(expected, CultureInfo.InvariantCulture), number, 9);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    public static SqlException Refused(string name, object?[]? arguments)
    {
        var error = Assert.Throws<SqlException>(() => Invoke(name, arguments));
        Assert.Contains($"Function {name}", error.Message, StringComparison.Ordinal);
        return error;
    }

    public static SqlValue ToValue(object? value) => value switch
    {
        null => SqlValue.Null,
        bool b => SqlValue.FromBool(b),
        int i => SqlValue.FromNumber(i),
        long l => SqlValue.FromNumber(l),
        double d => SqlValue.FromNumber(d),
        string s when s.StartsWith("D:", StringComparison.Ordinal) => SqlValue.FromDate(ParseUtc(s[2..]), hasTime: false),
        string s when s.StartsWith("T:", StringComparison.Ordinal) => SqlValue.FromDate(ParseUtc(s[2..]), hasTime: true),
        string s => SqlValue.FromText(s),
        object?[] items => SqlValue.FromList(items.Select(ToValue).ToArray()),
        _ => throw new ArgumentException($"no test notation for {value.GetType()}"),
    };

    public static object? Render(SqlValue value) => value.Kind switch
    {
        SqlKind.Null => null,
        SqlKind.Number => value.Number,
        SqlKind.Bool => value.Bool,
        SqlKind.Text => value.Text,
        SqlKind.Date => value.HasTime
            ? "T:" + value.Date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : "D:" + value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "[" + string.Join(",", value.Items.Select(i => Render(i))) + "]",
    };

    private static DateTime ParseUtc(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
