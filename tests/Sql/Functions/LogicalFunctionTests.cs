using SeaTable.Grains.Content;
using static SeaTable.Tests.Sql.Functions.FunctionCalls;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>The logical functions and comparison operators (sql-reference.md 5.1, 5.5), with the documented examples.</summary>
public sealed class LogicalFunctionTests
{
    [Theory]
    [InlineData("and", false, 1, "", 2)]
    [InlineData("and", true, 1, "x", 2, true)]
    [InlineData("and", false, 1, null)]
    [InlineData("and", false, 1, "0")]
    [InlineData("and", false, "false", 1)]
    [InlineData("and", true, "D:2025-01-01")]
    [InlineData("or", true, 1, "", 2)]
    [InlineData("or", false, 0, "", null, false)]
    [InlineData("or", true, null, "yes")]
    [InlineData("xor", true, 1, 0, false)]
    [InlineData("xor", true, 1, 0)]
    [InlineData("xor", false, 1, 2)]
    [InlineData("xor", false, null, "")]
    [InlineData("not", true, false)]
    [InlineData("not", false, 5)]
    [InlineData("not", true, null)]
    [InlineData("not", true, "")]
    [InlineData("if", 4, false, 3, 4)]
    [InlineData("if", "Yes", true, "Yes")]
    [InlineData("if", "", false, "Yes")]
    [InlineData("if", null, false, "Yes", null)]
    [InlineData("if", "young", null, "old", "young")]
    [InlineData("if", "old", 1, "old", "young")]
    [InlineData("ifs", 9, false, 3, true, 9)]
    [InlineData("ifs", 3, 1, 3, true, 9)]
    [InlineData("ifs", null, false, 3, null, 9)]
    [InlineData("switch", "very good", 1, 1, "very good", 2, "good", "failed")]
    [InlineData("switch", "OK", 6, 6, "OK", 6, "KO")]
    [InlineData("switch", "failed", 9, 1, "very good", 2, "good", "failed")]
    [InlineData("switch", null, 9, 1, "very good", 2, "good")]
    [InlineData("switch", "good", "2", 1, "very good", 2, "good")]
    [InlineData("switch", "none", null, 1, "one", "", "none")]
    [InlineData("switch", "B", "b", "a", "A", "B", "B")]
    [InlineData("greater", false, 2, 3)]
    [InlineData("greater", true, 5, 3)]
    [InlineData("greater", true, "10", 9)]
    [InlineData("greater", true, "2025-02-01", "D:2025-01-01")]
    [InlineData("greater", false, null, 3)]
    [InlineData("greater", true, null, -1)]
    [InlineData("greater", true, "b", null)]
    [InlineData("lessthan", true, 2, 3)]
    [InlineData("lessthan", false, 3, 3)]
    [InlineData("lessthan", false, 3, "")]
    [InlineData("greatereq", true, 2, 2)]
    [InlineData("greatereq", false, 1, 2)]
    [InlineData("greatereq", true, null, null)]
    [InlineData("lessthaneq", true, 2, 2)]
    [InlineData("lessthaneq", false, 3, 2)]
    [InlineData("lessthaneq", true, null, 2)]
    [InlineData("equal", true, 2, "2")]
    [InlineData("equal", true, "Option 1", "option 1")]
    [InlineData("equal", false, "a", null)]
    [InlineData("equal", true, null, "")]
    [InlineData("unequal", true, "Option 1", "Option 2")]
    [InlineData("unequal", false, 2, 2)]
    [InlineData("unequal", true, 0, null)]
    public void Evaluates(string name, object? expected, params object?[] arguments) => Expect(expected, name, arguments);

    [Fact]
    public void AListIsTrueByItsFirstItem()
    {
        Expect(false, "and", [new object?[] { 0, 1 }]);
        Expect(true, "or", [new object?[] { 1, 0 }]);
        Expect(true, "not", [Array.Empty<object?>()]);
    }

    [Fact]
    public void IfsRefusesAConditionWithoutAValue() =>
        Assert.Equal(SqlError.Invalid, Refused("ifs", [true, 1, false]).Error);
}
