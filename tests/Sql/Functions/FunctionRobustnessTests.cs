using SeaTable.Grains.Content.Sql;
using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Tests.Sql.Functions.FunctionCalls;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>
/// Every function, called with argument lists drawn (fixed seed) from awkward values, either answers or throws
/// <see cref="SqlException"/>: never another exception (a 500), never a non-finite number.
/// </summary>
public sealed class FunctionRobustnessTests
{
    private static readonly SqlValue[] Samples =
    [
        SqlValue.Null, SqlValue.FromText(""), SqlValue.FromNumber(0), SqlValue.FromNumber(-1), SqlValue.FromNumber(2.5),
        SqlValue.FromNumber(1e308), SqlValue.FromNumber(-1e308), SqlValue.FromNumber(1e18), SqlValue.FromNumber(int.MaxValue),
        SqlValue.FromText("abc"), SqlValue.FromText("2025-01-31"), SqlValue.FromText("9999-12-31 23:59:59"), SqlValue.FromText("0001-01-01"),
        SqlValue.FromText("monday"), SqlValue.FromText("months"), SqlValue.FromText("YD"), SqlValue.FromText("percent"), SqlValue.FromText("21"),
        SqlValue.FromDate(DateTime.MaxValue, hasTime: true), SqlValue.FromDate(DateTime.MinValue, hasTime: false),
        SqlValue.FromDate(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), hasTime: false), SqlValue.True, SqlValue.False,
        SqlValue.FromList([]), SqlValue.FromList([SqlValue.FromNumber(3), SqlValue.FromText("x")]),
        SqlValue.FromList([SqlValue.FromList([SqlValue.FromText("2025-01-01")])]),
    ];

    public static TheoryData<string> Names => [.. SqlFunctions.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void AnswersOrRefusesEveryArgumentList(string name)
    {
        var function = SqlFunctions.Find(name)!;
        var random = new Random(name.Length * 7919 + name[0]);
        var max = function.MaxArguments < 0 ? function.MinArguments + 3 : function.MaxArguments;
        for (var i = 0; i < 3000; i++)
        {
            var arguments = new SqlValue[random.Next(function.MinArguments, max + 1)];
            for (var j = 0; j < arguments.Length; j++)
            {
                arguments[j] = Samples[random.Next(Samples.Length)];
            }

            try
            {
                var result = function.Invoke(arguments, Context);
                Assert.True(result.Kind != SqlKind.Number || double.IsFinite(result.Number), $"{name}({string.Join(", ", arguments)}) = {result}");
            }
            catch (SqlException error)
            {
                Assert.StartsWith($"Function {name}", error.Message, StringComparison.Ordinal);
            }
        }
    }
}
