using SeaTable.Grains.Content.Sql.Functions;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>The registry: every function of the reference's list (sql-reference.md 5.1-5.7) by name in any case; the aggregates and the MySQL names SeaTable refuses are not there.</summary>
public sealed class SqlFunctionsRegistryTests
{
    /// <summary>sql-reference.md section 5, in its order.</summary>
    private static readonly string[] ReferenceFunctions =
    [
        // 5.1 operators as functions
        "add", "subtract", "multiply", "divide", "mod", "power", "greater", "lessthan", "greatereq", "lessthaneq", "equal", "unequal",
        // 5.2 math
        "abs", "ceiling", "floor", "even", "odd", "exp", "int", "lg", "log", "round", "rounddown", "roundup", "sign", "sqrt",
        // 5.3 text
        "concatenate", "exact", "find", "search", "left", "right", "mid", "len", "lower", "upper", "replace", "rept", "substitute", "T", "text", "trim", "value",
        // 5.4 date
        "date", "dateAdd", "dateDif", "day", "month", "year", "hour", "minute", "second", "hours", "months", "networkdays", "now", "today",
        "weekday", "weeknum", "eomonth", "startofweek", "quarter", "isodate", "isomonth",
        // 5.5 logical
        "and", "or", "not", "xor", "if", "ifs", "switch",
        // 5.6 statistical, 5.7 geo
        "average", "counta", "countall", "countblank", "countItems", "country",
    ];

    public static TheoryData<string> Names => [.. ReferenceFunctions];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryReferenceFunctionIsRegistered(string name)
    {
        Assert.Equal(name, SqlFunctions.Find(name)?.Name);
        Assert.NotNull(SqlFunctions.Find(name.ToUpperInvariant()));
        Assert.NotNull(SqlFunctions.Find(name.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("COUNT")]
    [InlineData("sum")]
    [InlineData("Min")]
    [InlineData("MAX")]
    [InlineData("avg")]
    [InlineData("substract")]
    [InlineData("isoweeknum")]
    [InlineData("concat")]
    [InlineData("substr")]
    [InlineData("ifnull")]
    [InlineData("coalesce")]
    [InlineData("greatest")]
    [InlineData("ceil")]
    [InlineData("log2")]
    [InlineData("curdate")]
    [InlineData("datediff ")]
    public void AggregatesAndRefusedNamesAreNotRegistered(string name) => Assert.Null(SqlFunctions.Find(name));

    [Fact]
    public void ArgumentCountsAreAsDocumented()
    {
        Assert.Equal((3, 3), Counts("date"));
        Assert.Equal((3, 3), Counts("dateAdd"));
        Assert.Equal((2, 3), Counts("dateDif"));
        Assert.Equal((0, 0), Counts("now"));
        Assert.Equal((3, -1), Counts("switch"));
        Assert.Equal((2, -1), Counts("networkdays"));
        Assert.Equal((4, 4), Counts("replace"));
        Assert.Equal((3, 4), Counts("substitute"));
        Assert.Equal((1, 2), Counts("round"));
        Assert.Equal((2, 3), Counts("if"));
    }

    [Fact]
    public void EveryRegisteredFunctionIsInTheReferenceOrAnAddition()
    {
        // proper is a SeaTable formula function the task asked for; the SQL reference does not list it.
        var expected = ReferenceFunctions.Append("proper").Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected, SqlFunctions.Names.Order(StringComparer.OrdinalIgnoreCase));
    }

    private static (int, int) Counts(string name) => SqlFunctions.Find(name) is { } f ? (f.MinArguments, f.MaxArguments) : (-9, -9);
}
