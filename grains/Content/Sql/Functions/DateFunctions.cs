using System.Globalization;
using SeaTable.Grains.Content.Sql.Values;
using static SeaTable.Grains.Content.Sql.Functions.FunctionArguments;

namespace SeaTable.Grains.Content.Sql.Functions;

/// <summary>
/// SeaTable's date functions (developer.seatable.com/sql/functions, "Date functions"). A date argument is a
/// date value or a text such as "2025-09-01" or "2025-09-01 12:00:01"; a text that is not a date is refused,
/// an empty date gives an empty (null) result (NULL has no date to become), an empty number is 0. Times are UTC (this server has no base time zone). A date
/// result is a calendar day (HasTime false) unless it carries a time of day. A result outside the years
/// 1-9999 is refused, never an overflow.
/// </summary>
internal static class DateFunctions
{
    public static IEnumerable<SqlFunction> All() =>
    [
        new("date", 3, 3, MakeDate),
        new("dateAdd", 3, 3, DateAdd),
        new("dateDif", 2, 3, DateDif),
        new("day", 1, 1, (a, _) => Part("day", a, d => d.Day)),
        new("month", 1, 1, (a, _) => Part("month", a, d => d.Month)),
        new("year", 1, 1, (a, _) => Part("year", a, d => d.Year)),
        new("hour", 1, 1, (a, _) => Part("hour", a, d => d.Hour)),
        new("minute", 1, 1, (a, _) => Part("minute", a, d => d.Minute)),
        new("second", 1, 1, (a, _) => Part("second", a, d => d.Second)),
        new("quarter", 1, 1, (a, _) => Part("quarter", a, d => (d.Month + 2) / 3)),
        new("hours", 2, 2, Hours),
        new("months", 2, 2, Months),
        new("eomonth", 2, 2, EndOfMonth),
        new("networkdays", 2, -1, NetworkDays),
        new("now", 0, 0, (_, c) => SqlValue.FromDate(DateTime.SpecifyKind(c.UtcNow, DateTimeKind.Utc), hasTime: true)),
        new("today", 0, 0, (_, c) => SqlValue.FromDate(DateTime.SpecifyKind(c.UtcNow.Date, DateTimeKind.Utc), hasTime: false)),
        new("weekday", 1, 2, Weekday),
        new("weeknum", 1, 2, WeekNumber),
        new("startofweek", 1, 2, StartOfWeek),
        new("isodate", 1, 1, (a, _) => Format("isodate", a, "yyyy-MM-dd")),
        new("isomonth", 1, 1, (a, _) => Format("isomonth", a, "yyyy-MM")),
    ];

    private static SqlValue Part(string name, ReadOnlySpan<SqlValue> arguments, Func<DateTime, int> part) =>
        Date(name, arguments, 0) is { } d ? SqlValue.FromNumber(part(d.Date)) : SqlValue.Null;

    private static SqlValue Format(string name, ReadOnlySpan<SqlValue> arguments, string format) =>
        Date(name, arguments, 0) is { } d ? SqlValue.FromText(d.Date.ToString(format, CultureInfo.InvariantCulture)) : SqlValue.Null;

    private static SqlValue Day(DateTime day) => SqlValue.FromDate(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc), hasTime: false);

    private static SqlException OutOfRange(string name) => SqlException.Invalid($"Function {name}: the result is not a date between the years 1 and 9999.");

    /// <summary>
    /// date(year, month, day): a two-digit year (0-99) is in the 1900s; a month or day past its end carries
    /// into the next year or month (date(2025, 13, 1) is 2026-01-01), one below 1 into the previous.
    /// </summary>
    private static SqlValue MakeDate(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var year = Whole("date", arguments, 0);
        var month = Whole("date", arguments, 1);
        var day = Whole("date", arguments, 2);
        var y = year is >= 0 and < 100 ? year + 1900 : year;
        if (y is < -20_000 or > 20_000 || month is < -240_000 or > 240_000 || day is < -8_000_000 or > 8_000_000)
        {
            throw OutOfRange("date");
        }

        var months = y * 12 + month - 1;
        var (fullYear, monthIndex) = (Math.DivRem(months, 12) is var (q, r) && r < 0 ? (q - 1, r + 12) : (q, r));
        if (fullYear is < 1 or > 9999)
        {
            throw OutOfRange("date");
        }

        var first = new DateTime((int)fullYear, (int)monthIndex + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ticks = first.Ticks + (day - 1) * TimeSpan.TicksPerDay;
        return ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            ? throw OutOfRange("date")
            : Day(new DateTime(ticks, DateTimeKind.Utc));
    }

    /// <summary>
    /// dateAdd(date, count, unit): unit one of years, months, weeks, days, hours, minutes, seconds (any case, the
    /// singular too). Years and months take the whole part of count and keep the day where the month has it
    /// (2024-01-31 plus 1 month is 2024-02-29); the others may be fractional. A result with a time of day
    /// (or from a datetime) has HasTime; out of range is refused.
    /// </summary>
    private static SqlValue DateAdd(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var date = Date("dateAdd", arguments, 0);
        var count = Number("dateAdd", arguments, 1);
        var unit = Text(arguments, 2).Trim().ToLowerInvariant();
        if (date is null)
        {
            return SqlValue.Null;
        }

        var d = date.Value.Date;
        long? unitTicks = unit switch
        {
            "weeks" or "week" => TimeSpan.TicksPerDay * 7,
            "days" or "day" => TimeSpan.TicksPerDay,
            "hours" or "hour" => TimeSpan.TicksPerHour,
            "minutes" or "minute" => TimeSpan.TicksPerMinute,
            "seconds" or "second" => TimeSpan.TicksPerSecond,
            "years" or "year" or "months" or "month" => null,
            _ => throw Refused("dateAdd", 2, "is not a unit (years, months, weeks, days, hours, minutes, seconds)"),
        };

        if (unitTicks is null)
        {
            var months = Math.Truncate(count) * (unit.StartsWith("year", StringComparison.Ordinal) ? 12 : 1);
            if (Math.Abs(months) > 12 * 10_000)
            {
                throw OutOfRange("dateAdd");
            }

            try
            {
                return SqlValue.FromDate(d.AddMonths((int)months), date.Value.HasTime);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw OutOfRange("dateAdd");
            }
        }

        // Added in whole ticks: a double holding the date's ticks would lose its sub-millisecond part.
        var added = Math.Round(count * unitTicks.Value);
        if (!(Math.Abs(added) <= DateTime.MaxValue.Ticks))
        {
            throw OutOfRange("dateAdd");
        }

        var ticks = d.Ticks + (long)added;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw OutOfRange("dateAdd");
        }

        var result = new DateTime(ticks, DateTimeKind.Utc);
        return SqlValue.FromDate(result, date.Value.HasTime || result.TimeOfDay != TimeSpan.Zero);
    }

    /// <summary>
    /// dateDif(startDate, endDate, unit): unit S (seconds), D (full days, the default), M (full months), Y (full
    /// years), YD (days after the full years), YM (months after the full years), MD (days after the full months).
    /// An empty start is 1900-01-01; both empty give 0; an empty end gives null. An end before the start gives
    /// the negative of the difference the other way round (SeaTable documents no error for it).
    /// </summary>
    private static SqlValue DateDif(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var start = Date("dateDif", arguments, 0);
        var end = Date("dateDif", arguments, 1);
        if (start is null && end is null)
        {
            return SqlValue.FromNumber(0);
        }

        if (end is null)
        {
            return SqlValue.Null;
        }

        var unit = Text(arguments, 2).Trim().ToUpperInvariant() is { Length: > 0 } u ? u : "D";
        var s = start?.Date ?? new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var e = end.Value.Date;
        var sign = 1;
        if (s > e)
        {
            (s, e, sign) = (e, s, -1);
        }

        var months = FullMonths(s, e);
        double difference = unit switch
        {
            "S" => Math.Floor((e - s).TotalSeconds),
            "D" => FullDays(s, e),
            "M" => months,
            "Y" => months / 12,
            "YM" => months % 12,
            "YD" => FullDays(s.AddMonths(months / 12 * 12), e),
            "MD" => FullDays(s.AddMonths(months), e),
            _ => throw Refused("dateDif", 2, "is not a unit (S, D, M, Y, YD, YM, MD)"),
        };

        return SqlValue.FromNumber(sign * difference);
    }

    private static long FullDays(DateTime start, DateTime end) => (end.Ticks - start.Ticks) / TimeSpan.TicksPerDay;

    /// <summary>Whole months from start to end (end not before start): a month is full when the end's day and time reach the start's.</summary>
    private static int FullMonths(DateTime start, DateTime end)
    {
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month;
        if (end.Day < start.Day || (end.Day == start.Day && end.TimeOfDay < start.TimeOfDay))
        {
            months--;
        }

        return months;
    }

    /// <summary>hours(startDate, endDate): whole hours between the two, minutes and seconds not counted; a date without time is 0 o'clock.</summary>
    private static SqlValue Hours(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var start = Date("hours", arguments, 0);
        var end = Date("hours", arguments, 1);
        if (start is null || end is null)
        {
            return SqlValue.Null;
        }

        static long HourOf(DateTime d) => d.Ticks / TimeSpan.TicksPerHour;
        return SqlValue.FromNumber(HourOf(end.Value.Date) - HourOf(start.Value.Date));
    }

    /// <summary>months(startDate, endDate): calendar months between the two, days and times not counted (Feb 1 to Mar 31 is 1).</summary>
    private static SqlValue Months(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var start = Date("months", arguments, 0);
        var end = Date("months", arguments, 1);
        if (start is null || end is null)
        {
            return SqlValue.Null;
        }

        var (s, e) = (start.Value.Date, end.Value.Date);
        return SqlValue.FromNumber((e.Year - s.Year) * 12 + e.Month - s.Month);
    }

    /// <summary>eomonth(startDate, n): the last day of the month n months after (before, for a negative n) the date's month.</summary>
    private static SqlValue EndOfMonth(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var date = Date("eomonth", arguments, 0);
        var n = Whole("eomonth", arguments, 1);
        if (date is null)
        {
            return SqlValue.Null;
        }

        var d = date.Value.Date;
        var month = d.Year * 12L + d.Month - 1 + Math.Clamp(n, -200_000, 200_000);
        if (month < 12 || month >= 12 * 10_000L)
        {
            throw OutOfRange("eomonth");
        }

        var (year, m) = ((int)(month / 12), (int)(month % 12) + 1);
        return Day(new DateTime(year, m, DateTime.DaysInMonth(year, m), 0, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>
    /// networkdays(startDate, endDate, holiday1, ...): Mondays to Fridays from start to end, both included,
    /// less the holidays (each counted once) that fall on one of them. A holiday argument may be a list of
    /// dates. An end before the start counts the other way round, negative. Counted arithmetically (whole
    /// weeks), so any range is constant time; the holidays are at most the arguments given.
    /// </summary>
    private static SqlValue NetworkDays(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var start = Date("networkdays", arguments, 0);
        var end = Date("networkdays", arguments, 1);
        if (start is null || end is null)
        {
            return SqlValue.Null;
        }

        var (from, to) = (DayNumber(start.Value.Date), DayNumber(end.Value.Date));
        var sign = 1;
        if (from > to)
        {
            (from, to, sign) = (to, from, -1);
        }

        var holidays = new HashSet<int>();
        for (var i = 2; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            var items = argument.Kind == SqlKind.List ? argument.Items.ToArray() : [argument];
            foreach (var item in items)
            {
                if (item.IsEmpty)
                {
                    continue;
                }

                var holiday = SqlDates.Parse(item) ?? throw NotA("networkdays", i, "a date");
                var day = DayNumber(holiday.Date);
                if (day >= from && day <= to && IsWorkday(day))
                {
                    holidays.Add(day);
                }
            }
        }

        return SqlValue.FromNumber(sign * (WorkdaysThrough(to) - WorkdaysThrough(from - 1) - holidays.Count));
    }

    /// <summary>Days since 0001-01-01, which was a Monday.</summary>
    private static int DayNumber(DateTime d) => DateOnly.FromDateTime(d).DayNumber;

    private static bool IsWorkday(int dayNumber) => dayNumber % 7 < 5;

    /// <summary>Mondays to Fridays from day 0 through the given day (0 for a day before day 0).</summary>
    private static long WorkdaysThrough(int dayNumber)
    {
        var days = (long)dayNumber + 1;
        return days <= 0 ? 0 : days / 7 * 5 + Math.Min(days % 7, 5);
    }

    /// <summary>Monday when the argument says so (any case), Sunday otherwise (SeaTable's default, also for any other day's name).</summary>
    private static DayOfWeek WeekStart(ReadOnlySpan<SqlValue> arguments, int index) =>
        string.Equals(Text(arguments, index).Trim(), "monday", StringComparison.OrdinalIgnoreCase) ? DayOfWeek.Monday : DayOfWeek.Sunday;

    /// <summary>weekday(date, weekStart): 1-7 counted from the week's first day (Sunday by default, or Monday).</summary>
    private static SqlValue Weekday(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        if (Date("weekday", arguments, 0) is not { } date)
        {
            return SqlValue.Null;
        }

        return SqlValue.FromNumber(((int)date.Date.DayOfWeek - (int)WeekStart(arguments, 1) + 7) % 7 + 1);
    }

    /// <summary>startofweek(date, weekStart): the calendar day the date's week starts on (Sunday by default, or Monday).</summary>
    private static SqlValue StartOfWeek(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        if (Date("startofweek", arguments, 0) is not { } date)
        {
            return SqlValue.Null;
        }

        var d = date.Date.Date;
        var back = ((int)d.DayOfWeek - (int)WeekStart(arguments, 1) + 7) % 7;
        return d.Ticks < back * TimeSpan.TicksPerDay ? throw OutOfRange("startofweek") : Day(d.AddDays(-back));
    }

    /// <summary>
    /// weeknum(date, return_type): the week of the year, the week holding January 1 being week 1, weeks starting
    /// on 1/17 Sunday, 2/11 Monday, 12 Tuesday, 13 Wednesday, 14 Thursday, 15 Friday, 16 Saturday (default
    /// 1); 21 is the ISO 8601 week. Another return_type is refused.
    /// </summary>
    private static SqlValue WeekNumber(ReadOnlySpan<SqlValue> arguments, SqlFunctionContext context)
    {
        var date = Date("weeknum", arguments, 0);
        var type = OptionalWhole("weeknum", arguments, 1) ?? 1;
        if (date is null)
        {
            return SqlValue.Null;
        }

        var d = date.Value.Date.Date;
        if (type == 21)
        {
            return SqlValue.FromNumber(ISOWeek.GetWeekOfYear(d));
        }

        DayOfWeek first = type switch
        {
            1 or 17 => DayOfWeek.Sunday,
            2 or 11 => DayOfWeek.Monday,
            >= 12 and <= 16 => (DayOfWeek)(type - 10),
            _ => throw Refused("weeknum", 1, "is not a return type (1, 2, 11-17, 21)"),
        };

        var january1 = new DateTime(d.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var offset = ((int)january1.DayOfWeek - (int)first + 7) % 7;
        return SqlValue.FromNumber((d.DayOfYear - 1 + offset) / 7 + 1);
    }
}
