using SeaTable.Grains.Content;
using SeaTable.Grains.Content.Sql.Functions;
using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Tests.Sql.Functions.FunctionCalls;

namespace SeaTable.Tests.Sql.Functions;

/// <summary>The date functions (sql-reference.md 5.4), with the documented examples; now() and today() read the context's fixed time.</summary>
public sealed class DateFunctionTests
{
    [Theory]
    [InlineData("date", "D:2025-01-03", 2025, 1, 3)]
    [InlineData("date", "D:1999-05-06", 99, 5, 6)]
    [InlineData("date", "D:2026-01-01", 2025, 13, 1)]
    [InlineData("date", "D:2025-03-03", 2025, 2, 31)]
    [InlineData("date", "D:2024-12-31", 2025, 1, 0)]
    [InlineData("date", "D:2024-11-01", 2025, -1, 1)]
    [InlineData("date", "D:1900-01-01", null, 1, 1)]
    [InlineData("dateAdd", "D:2024-02-05", "2024-02-03", 2, "days")]
    [InlineData("dateAdd", "T:2024-09-06T01:05:18", "2024-09-04 13:05:18", 36, "hours")]
    [InlineData("dateAdd", "D:2024-02-29", "2024-01-31", 1, "months")]
    [InlineData("dateAdd", "D:2023-02-28", "2024-02-29", -1, "Years")]
    [InlineData("dateAdd", "D:2024-02-17", "D:2024-02-03", 2, "weeks")]
    [InlineData("dateAdd", "T:2024-02-03T00:01:30", "2024-02-03", 90, "seconds")]
    [InlineData("dateAdd", "T:2024-02-03T00:30:00", "2024-02-03", 30, "minutes")]
    [InlineData("dateAdd", "T:2024-02-04T12:00:00", "2024-02-03", 1.5, "days")]
    [InlineData("dateAdd", null, null, 2, "days")]
    [InlineData("dateAdd", "D:2024-02-03", "2024-02-03", null, "days")]
    [InlineData("dateDif", 2, "2023-01-01", "2025-01-01", "Y")]
    [InlineData("dateDif", 731, "2023-01-01", "2025-01-01")]
    [InlineData("dateDif", 731, "2023-01-01", "2025-01-01", "d")]
    [InlineData("dateDif", 14, "2024-10-11", "2025-12-12", "M")]
    [InlineData("dateDif", 0, "2025-01-31", "2025-02-28", "M")]
    [InlineData("dateDif", 2, "2024-10-11", "2025-12-12", "YM")]
    [InlineData("dateDif", 1, "2024-10-11", "2025-12-12", "MD")]
    [InlineData("dateDif", 62, "2024-10-11", "2025-12-12", "YD")]
    [InlineData("dateDif", 90, "2025-01-01 00:00:00", "2025-01-01 00:01:30", "S")]
    [InlineData("dateDif", -2, "2025-01-03", "2025-01-01")]
    [InlineData("dateDif", 0, null, null)]
    [InlineData("dateDif", 1, null, "1900-01-02")]
    [InlineData("dateDif", null, "2025-01-01", null)]
    [InlineData("day", 3, "2025-01-03")]
    [InlineData("day", 31, "D:2025-12-31")]
    [InlineData("day", null, null)]
    [InlineData("month", 2, "2025-02-14 13:14:52")]
    [InlineData("month", 12, "D:2025-12-31")]
    [InlineData("month", null, "")]
    [InlineData("year", 2025, "2025-01-01")]
    [InlineData("year", 1, "D:0001-01-01")]
    [InlineData("year", null, null)]
    [InlineData("hour", 13, "2025-02-14 13:14:52")]
    [InlineData("hour", 0, "2025-02-14")]
    [InlineData("hour", null, null)]
    [InlineData("minute", 14, "2025-02-14 13:14:52")]
    [InlineData("minute", 0, "2025-02-14")]
    [InlineData("minute", null, null)]
    [InlineData("second", 52, "2025-02-14 13:14:52")]
    [InlineData("second", 0, "2025-02-14")]
    [InlineData("second", null, null)]
    [InlineData("quarter", 1, "2025-01-01")]
    [InlineData("quarter", 2, "2025-04-15")]
    [InlineData("quarter", 4, "2025-12-31")]
    [InlineData("quarter", null, null)]
    [InlineData("hours", 2, "2025-02-14 13:14", "2025-02-14 15:14")]
    [InlineData("hours", 15, "2020-02-14", "2020-02-14 15:14")]
    [InlineData("hours", 1, "2025-02-14 13:59", "2025-02-14 14:00")]
    [InlineData("hours", -24, "2025-02-15", "2025-02-14")]
    [InlineData("hours", null, null, "2025-02-14")]
    [InlineData("months", 1, "2025-02-01 13:14", "2025-03-31 15:54")]
    [InlineData("months", 3, "2025-02-01", "2025-05-01")]
    [InlineData("months", -13, "2025-02-01", "2024-01-31")]
    [InlineData("months", null, "2025-02-01", null)]
    [InlineData("eomonth", "D:2025-02-28", "2025-01-01", 1)]
    [InlineData("eomonth", "D:2024-12-31", "2025-01-01", -1)]
    [InlineData("eomonth", "D:2024-02-29", "2024-02-10 10:00", 0)]
    [InlineData("eomonth", "D:2026-01-31", "2025-01-15", 12.7)]
    [InlineData("eomonth", null, null, 1)]
    [InlineData("networkdays", 3, "2025-09-08", "2025-09-10")]
    [InlineData("networkdays", 4, "2025-01-01", "2025-01-07", "2025-01-01")]
    [InlineData("networkdays", 4, "2025-01-01", "2025-01-07", "2025-01-01", "D:2025-01-01", "2025-01-04", null)]
    [InlineData("networkdays", -5, "2025-01-07", "2025-01-01")]
    [InlineData("networkdays", 0, "2025-01-04", "2025-01-05")]
    [InlineData("networkdays", 1, "2025-01-06", "2025-01-06")]
    [InlineData("networkdays", 2609, "2000-01-01", "2009-12-31")]
    [InlineData("networkdays", null, null, "2025-01-07")]
    [InlineData("weekday", 3, "2025-01-01", "Monday")]
    [InlineData("weekday", 4, "2025-01-01")]
    [InlineData("weekday", 4, "2025-01-01", "Thursday")]
    [InlineData("weekday", 7, "2025-01-05", "monday")]
    [InlineData("weekday", 1, "2025-01-05")]
    [InlineData("weekday", null, null)]
    [InlineData("weeknum", 2, "2025-01-12", 11)]
    [InlineData("weeknum", 3, "2025-01-12")]
    [InlineData("weeknum", 2, "2025-01-06", 21)]
    [InlineData("weeknum", 1, "2025-12-29", 21)]
    [InlineData("weeknum", 53, "2021-01-03", 21)]
    [InlineData("weeknum", 2, "2025-01-12", 2)]
    [InlineData("weeknum", 1, "2025-01-01", 14)]
    [InlineData("weeknum", 2, "2025-01-02", 14)]
    [InlineData("weeknum", 54, "2000-12-31", 1)]
    [InlineData("weeknum", null, null, 1)]
    [InlineData("startofweek", "D:2025-04-27", "2025-04-28")]
    [InlineData("startofweek", "D:2025-04-28", "2025-04-28", "Monday")]
    [InlineData("startofweek", "D:2025-04-28", "2025-05-04 23:59", "monday")]
    [InlineData("startofweek", "D:2025-04-27", "2025-04-27")]
    [InlineData("startofweek", null, null)]
    [InlineData("isodate", "2025-01-01", "2025-01-01 11:00:00")]
    [InlineData("isodate", "2025-01-01", "D:2025-01-01")]
    [InlineData("isodate", null, null)]
    [InlineData("isomonth", "2025-01", "2025-01-01 11:00:00")]
    [InlineData("isomonth", "0999-12", "D:0999-12-31")]
    [InlineData("isomonth", null, "")]
    public void Evaluates(string name, object? expected, params object?[] arguments) => Expect(expected, name, arguments);

    [Theory]
    [InlineData("year", "abc")]
    [InlineData("year", 2025)]
    [InlineData("month", "2025-13-45")]
    [InlineData("day", true)]
    [InlineData("hour", "noon")]
    [InlineData("minute", "x")]
    [InlineData("second", "x")]
    [InlineData("quarter", "x")]
    [InlineData("isodate", "x")]
    [InlineData("isomonth", "x")]
    [InlineData("weekday", "x")]
    [InlineData("startofweek", "x")]
    [InlineData("weeknum", "2025-01-01", 3)]
    [InlineData("weeknum", "x")]
    [InlineData("date", 10000, 1, 1)]
    [InlineData("date", 2025, 1e12, 1)]
    [InlineData("date", "y", 1, 1)]
    [InlineData("date", -1e300, 1, 1)]
    [InlineData("eomonth", "2025-01-01", -1e300)]
    [InlineData("dateAdd", "2024-01-01", 1, "fortnights")]
    [InlineData("dateAdd", "2024-01-01", 1, "")]
    [InlineData("dateAdd", "2024-01-01", 1e300, "days")]
    [InlineData("dateAdd", "9999-12-31", 1, "days")]
    [InlineData("dateAdd", "0001-01-01", -1, "seconds")]
    [InlineData("dateAdd", "2024-01-01", 8000, "years")]
    [InlineData("dateAdd", "2024-01-01", -1e18, "months")]
    [InlineData("dateAdd", "x", 1, "days")]
    [InlineData("dateDif", "2024-01-01", "2025-01-01", "W")]
    [InlineData("dateDif", "2024-01-01", "x")]
    [InlineData("hours", "x", "2025-01-01")]
    [InlineData("months", "2025-01-01", "x")]
    [InlineData("eomonth", "9999-12-01", 1)]
    [InlineData("eomonth", "2025-01-01", "x")]
    [InlineData("networkdays", "2025-01-01", "2025-01-07", "Christmas")]
    [InlineData("networkdays", "x", "2025-01-07")]
    [InlineData("startofweek", "D:0001-01-01")]
    public void RefusesArguments(string name, params object?[] arguments) =>
        Assert.Equal(SqlError.Invalid, Refused(name, arguments).Error);

    [Fact]
    public void TheMessageNamesTheFunctionAndTheArgument() =>
        Assert.Equal("Function year: argument 1 is not a date.", Refused("year", ["abc"]).Message);

    [Fact]
    public void NowAndTodayReadTheStatementsTime()
    {
        Expect("T:2025-03-15T10:20:30", "now", []);
        Expect("D:2025-03-15", "today", []);
        Assert.True(Invoke("now", []).HasTime);
        Assert.False(Invoke("today", []).HasTime);
    }

    [Fact]
    public void NetworkdaysOverMillenniaIsArithmetic()
    {
        // 0001-01-01 (a Monday) to 9999-12-31: 3,652,059 days, 521,722 whole weeks and 5 days (Monday to Friday).
        Expect(521_722 * 5 + 5, "networkdays", ["D:0001-01-01", "D:9999-12-31"]);
        Expect(-(521_722 * 5 + 5), "networkdays", ["D:9999-12-31", "D:0001-01-01"]);
    }

    [Fact]
    public void DateAddKeepsTheTimeToTheTick()
    {
        var start = new DateTime(2024, 2, 3, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        var result = SqlFunctions.Find("dateAdd")!.Invoke([SqlValue.FromDate(start, hasTime: true), SqlValue.FromNumber(1), SqlValue.FromText("days")], Context);
        Assert.Equal(start.AddDays(1), result.Date);
        Assert.True(result.HasTime);
    }

    [Fact]
    public void HolidaysMayComeAsAList() =>
        Expect(3, "networkdays", ["2025-01-01", "2025-01-07", new object?[] { "2025-01-01", "2025-01-02" }]);
}
