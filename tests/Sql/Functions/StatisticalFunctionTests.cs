using SeaTable.Grains.Content;
using static SeaTable.Tests.Sql.Functions.FunctionCalls;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>The per-row statistical functions and country (sql-reference.md 5.6, 5.7), with the documented examples.</summary>
public sealed class StatisticalFunctionTests
{
    [Theory]
    [InlineData("average", 3, 1, 2, 3, 4, 5)]
    [InlineData("average", 1.5, 1, null, "2", "")]
    [InlineData("average", null, null, "")]
    [InlineData("counta", 3, 1, "", 2, "3")]
    [InlineData("counta", 0, null, "")]
    [InlineData("counta", 1, 0)]
    [InlineData("countall", 4, 1, "", 2, "3")]
    [InlineData("countall", 1, null)]
    [InlineData("countall", 2, null, false)]
    [InlineData("countblank", 1, 1, "", 2, "3")]
    [InlineData("countblank", 2, null, "")]
    [InlineData("countblank", 0, 0, false)]
    [InlineData("countItems", 0, null)]
    [InlineData("countItems", 1, "one")]
    [InlineData("country", "Germany", "Germany")]
    [InlineData("country", "Germany", "{\"country_region\":\"Germany\"}")]
    [InlineData("country", null, "{\"lat\":50,\"lng\":8.23}")]
    [InlineData("country", null, null)]
    public void Evaluates(string name, object? expected, params object?[] arguments) => Expect(expected, name, arguments);

    [Fact]
    public void CountItemsCountsAListsItems()
    {
        Expect(2, "countItems", [new object?[] { "a", "b" }]);
        Expect(3, "countItems", [new object?[] { "a", "b", "c" }]);
        Expect(0, "countItems", [Array.Empty<object?>()]);
    }

    [Fact]
    public void AverageTakesAListsItemsEach() => Expect(2, "average", [new object?[] { 1, 2 }, 3]);

    [Fact]
    public void AverageRefusesAText() => Assert.Equal(SqlError.Invalid, Refused("average", [1, "two"]).Error);
}
