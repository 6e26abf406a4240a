using System.Globalization;

namespace SeaTable.Tests.Storage;

/// <summary>The reminder queries of deploy/sql/sqlite/03-orleans-reminders.sql, with the provider's parameters.</summary>
public sealed class OrleansReminderSqlTests : IDisposable
{
    private const string Service = "seatable";
    private static readonly DateTime Start = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private long Upsert(string grainId, string name, int grainHash, long periodMs = 3_600_000, string serviceId = Service)
    {
        var row = Assert.Single(_database.Run("UpsertReminderRowKey", new Dictionary<string, object?>
        {
            ["@ServiceId"] = serviceId,
            ["@GrainId"] = grainId,
            ["@ReminderName"] = name,
            ["@StartTime"] = Start,
            ["@Period"] = periodMs,
            ["@GrainHash"] = grainHash,
        }));
        Assert.Single(row);
        return Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
    }

    private bool Delete(string grainId, string name, long version)
    {
        var row = Assert.Single(_database.Run("DeleteReminderRowKey", new Dictionary<string, object?>
        {
            ["@ServiceId"] = Service,
            ["@GrainId"] = grainId,
            ["@ReminderName"] = name,
            ["@Version"] = version,
        }));
        Assert.Single(row);
        return Convert.ToBoolean(row[0], CultureInfo.InvariantCulture);
    }

    private List<object?[]> Range(string key, int begin, int end) => _database.Run(key, new Dictionary<string, object?>
    {
        ["@ServiceId"] = Service,
        ["@BeginHash"] = begin,
        ["@EndHash"] = end,
    });

    private static string GrainOf(object?[] row) => (string)row[0]!;

    [Fact]
    public void Upsert_returns_the_version_and_raises_it_on_every_update()
    {
        var first = Upsert("dtable/a", "purge", 10);
        var second = Upsert("dtable/a", "purge", 10, periodMs: 60_000);
        var third = Upsert("dtable/a", "purge", 10);
        Assert.True(second == first + 1, $"{first} then {second}");
        Assert.Equal(second + 1, third);

        var row = Assert.Single(_database.Run("ReadReminderRowKey", new Dictionary<string, object?>
        {
            ["@ServiceId"] = Service,
            ["@GrainId"] = "dtable/a",
            ["@ReminderName"] = "purge",
        }));
        // GrainId, ReminderName, StartTime, Period, Version
        Assert.Equal("dtable/a", row[0]);
        Assert.Equal("purge", row[1]);
        Assert.Equal(Start, DateTime.Parse((string)row[2]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        Assert.Equal(3_600_000L, Convert.ToInt64(row[3], CultureInfo.InvariantCulture));
        Assert.Equal(third, Convert.ToInt64(row[4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reads_by_grain_and_by_name()
    {
        Upsert("dtable/a", "purge", 1);
        Upsert("dtable/a", "other", 1);
        Upsert("dtable/b", "purge", 2);
        Upsert("dtable/a", "purge", 1, serviceId: "another-service");

        var rows = _database.Run("ReadReminderRowsKey", new Dictionary<string, object?> { ["@ServiceId"] = Service, ["@GrainId"] = "dtable/a" });
        Assert.Equal(["other", "purge"], rows.Select(r => (string)r[1]!).Order(StringComparer.Ordinal));
        Assert.Empty(_database.Run("ReadReminderRowKey", new Dictionary<string, object?>
        {
            ["@ServiceId"] = Service,
            ["@GrainId"] = "dtable/b",
            ["@ReminderName"] = "other",
        }));
    }

    [Fact]
    public void Delete_needs_the_current_version_and_says_whether_it_deleted()
    {
        var version = Upsert("dtable/a", "purge", 1);

        Assert.False(Delete("dtable/a", "purge", version + 1));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM OrleansRemindersTable"));

        Assert.True(Delete("dtable/a", "purge", version));
        Assert.Equal(0, _database.Scalar("SELECT COUNT(*) FROM OrleansRemindersTable"));
        Assert.False(Delete("dtable/a", "purge", version));
    }

    [Fact]
    public void Ranges_select_by_signed_hash()
    {
        Upsert("g/min", "r", int.MinValue);
        Upsert("g/neg", "r", -5);
        Upsert("g/zero", "r", 0);
        Upsert("g/seven", "r", 7);
        Upsert("g/max", "r", int.MaxValue);
        Upsert("g/other-service", "r", 0, serviceId: "another-service");

        // Begin exclusive, end inclusive.
        Assert.Equal(["g/seven", "g/zero"], Range("ReadRangeRows1Key", -5, 7).Select(GrainOf).Order(StringComparer.Ordinal));
        Assert.Equal(["g/max", "g/neg", "g/seven", "g/zero"], Range("ReadRangeRows1Key", int.MinValue, int.MaxValue).Select(GrainOf).Order(StringComparer.Ordinal));

        // The wrapped range: above begin or up to end.
        Assert.Equal(["g/max", "g/min", "g/neg"], Range("ReadRangeRows2Key", 7, -5).Select(GrainOf).Order(StringComparer.Ordinal));
        Assert.Equal(["g/max", "g/min"], Range("ReadRangeRows2Key", 7, int.MinValue).Select(GrainOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Delete_all_rows_of_a_service()
    {
        Upsert("dtable/a", "purge", 1);
        Upsert("dtable/a", "purge", 1, serviceId: "another-service");

        _database.Run("DeleteReminderRowsKey", new Dictionary<string, object?> { ["@ServiceId"] = Service });

        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM OrleansRemindersTable"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = 'another-service'"));
    }
}
