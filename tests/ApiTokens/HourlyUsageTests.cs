using SeaTable.Grains.ApiTokens;

namespace SeaTable.Tests.ApiTokens;

/// <summary>
/// The hourly counts kept with a token's usage record (the web app's 24-hour chart): each report counts in the
/// hour it was last seen in, pending counts merge hour by hour, and hours older than a day are dropped.
/// </summary>
public sealed class HourlyUsageTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static ApiTokenUsageDelta Delta(DateTimeOffset at, long rows, long jwts = 0) =>
        new(jwts, new Dictionary<string, long> { ["rows"] = rows }, "10.0.0.1", "test", at.AddSeconds(-2), at);

    [Fact]
    public void Reports_count_in_the_hour_they_were_last_seen_in()
    {
        var usage = ApiTokenUsage.Empty
            .Add(Delta(Noon.AddMinutes(5), rows: 3, jwts: 1))
            .Add(Delta(Noon.AddMinutes(50), rows: 2))
            .Add(Delta(Noon.AddHours(1).AddMinutes(1), rows: 7));

        Assert.Equal(new Dictionary<string, long> { ["2026-12-07T12:00:00Z"] = 5, ["2026-12-07T13:00:00Z"] = 7 }, usage.Hourly);
        Assert.Equal(12, usage.Requests["rows"]);
    }

    [Fact]
    public void Pending_counts_merge_into_the_stored_record_hour_by_hour()
    {
        var stored = ApiTokenUsage.Empty.Add(Delta(Noon.AddMinutes(10), rows: 4));
        var pending = ApiTokenUsage.Empty.Add(Delta(Noon.AddMinutes(59), rows: 1)).Add(Delta(Noon.AddHours(1).AddSeconds(5), rows: 2));

        var merged = stored.Merge(pending);

        Assert.Equal(new Dictionary<string, long> { ["2026-12-07T12:00:00Z"] = 5, ["2026-12-07T13:00:00Z"] = 2 }, merged.Hourly);
        Assert.Equal(7, merged.Requests["rows"]);
        Assert.Equal(Noon.AddHours(1).AddSeconds(5), merged.LastSeen);
    }

    [Fact]
    public void Hours_older_than_a_day_before_the_newest_are_dropped()
    {
        var usage = ApiTokenUsage.Empty;
        for (var hour = 0; hour < 30; hour++)
        {
            usage = usage.Add(Delta(Noon.AddHours(hour), rows: 1));
        }

        Assert.Equal(ApiTokenUsage.HoursKept, usage.Hourly!.Count);
        Assert.Equal(ApiTokenUsage.HourKey(Noon.AddHours(6)), usage.Hourly.Keys.Min(StringComparer.Ordinal));
        Assert.Equal(ApiTokenUsage.HourKey(Noon.AddHours(29)), usage.Hourly.Keys.Max(StringComparer.Ordinal));

        // A late report of an old hour does not bring a dropped hour back.
        var late = usage.Add(Delta(Noon, rows: 1));
        Assert.DoesNotContain(ApiTokenUsage.HourKey(Noon), late.Hourly!.Keys);
    }

    [Fact]
    public void A_record_stored_before_hourly_counts_existed_starts_them()
    {
        var old = new ApiTokenUsage(2, new Dictionary<string, long> { ["rows"] = 9 }, null, null, Noon.AddDays(-3), Noon.AddDays(-3));
        Assert.Null(old.Hourly);

        var usage = old.Add(Delta(Noon, rows: 1));

        Assert.Equal(new Dictionary<string, long> { ["2026-12-07T12:00:00Z"] = 1 }, usage.Hourly);
    }
}
