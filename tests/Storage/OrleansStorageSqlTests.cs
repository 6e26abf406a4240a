namespace SeaTable.Tests.Storage;

/// <summary>
/// The grain storage queries of deploy/sql/sqlite/02-orleans-persistence.sql, run as Orleans' ADO.NET
/// provider runs them: same keys, same parameters, same result columns.
/// </summary>
public sealed class OrleansStorageSqlTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    /// <summary>The parameters the provider binds for one grain; version and payload are added per call.</summary>
    private static Dictionary<string, object?> Grain(string? extension = null, string serviceId = "seatable", long n1 = 42) => new()
    {
        ["@GrainIdHash"] = -123_456_789,
        ["@GrainIdN0"] = 7L,
        ["@GrainIdN1"] = n1,
        ["@GrainTypeHash"] = 987_654_321,
        ["@GrainTypeString"] = "dtable",
        ["@GrainIdExtensionString"] = extension,
        ["@ServiceId"] = serviceId,
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> grain, int? version, byte[]? payload = null)
    {
        var parameters = new Dictionary<string, object?>(grain) { ["@GrainStateVersion"] = version };
        if (payload is not null)
        {
            parameters["@PayloadBinary"] = payload;
        }

        return parameters;
    }

    /// <summary>WriteToStorageKey: the NewGrainStateVersion it returns (null: ETag mismatch).</summary>
    private long? Write(Dictionary<string, object?> grain, int? version, byte[] payload)
    {
        var rows = _database.Run("WriteToStorageKey", With(grain, version, payload));
        var row = Assert.Single(rows);
        Assert.Single(row);
        return row[0] is null ? null : Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private long? Clear(Dictionary<string, object?> grain, int? version)
    {
        var row = Assert.Single(_database.Run("ClearStorageKey", With(grain, version)));
        return row[0] is null ? null : Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>ReadFromStorageKey: (payload, version), or null when the grain has no row.</summary>
    private (byte[]? Payload, long Version)? Read(Dictionary<string, object?> grain)
    {
        var rows = _database.Run("ReadFromStorageKey", With(grain, null));
        if (rows.Count == 0)
        {
            return null;
        }

        var row = Assert.Single(rows);
        return ((byte[]?)row[0], Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Write_then_read_back()
    {
        var grain = Grain();
        Assert.Null(Read(grain));

        Assert.Equal(1, Write(grain, null, [1, 2, 3]));
        var read = Read(grain);
        Assert.Equal([1, 2, 3], read?.Payload);
        Assert.Equal(1, read?.Version);

        Assert.Equal(2, Write(grain, 1, [4, 5]));
        read = Read(grain);
        Assert.Equal([4, 5], read?.Payload);
        Assert.Equal(2, read?.Version);
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM OrleansStorage"));
    }

    [Fact]
    public void Stale_etag_returns_null_and_changes_nothing()
    {
        var grain = Grain();
        Assert.Equal(1, Write(grain, null, [1]));
        Assert.Equal(2, Write(grain, 1, [2]));

        Assert.Null(Write(grain, 1, [3]));    // stale version
        Assert.Null(Write(grain, null, [3])); // "no row yet" while a row exists
        Assert.Null(Write(grain, 5, [3]));    // a version never handed out

        var read = Read(grain);
        Assert.Equal([2], read?.Payload);
        Assert.Equal(2, read?.Version);
    }

    [Fact]
    public void Clear_keeps_the_row_and_raises_the_version()
    {
        var grain = Grain();
        Assert.Equal(1, Write(grain, null, [1]));

        Assert.Null(Clear(grain, 7));
        Assert.Equal(2, Clear(grain, 1));
        var read = Read(grain);
        Assert.Null(read?.Payload);
        Assert.Equal(2, read?.Version);

        // The next activation writes with the version the clear returned.
        Assert.Null(Write(grain, 1, [9]));
        Assert.Equal(3, Write(grain, 2, [9]));
    }

    [Fact]
    public void Clear_of_a_grain_without_row_returns_null()
    {
        Assert.Null(Clear(Grain(), null));
        Assert.Equal(0, _database.Scalar("SELECT COUNT(*) FROM OrleansStorage"));
    }

    [Fact]
    public void Grains_are_told_apart_by_key_extension_service_and_id()
    {
        Assert.Equal(1, Write(Grain(), null, [0]));
        Assert.Equal(1, Write(Grain(extension: "ext"), null, [1]));
        Assert.Equal(1, Write(Grain(serviceId: "other"), null, [2]));
        Assert.Equal(1, Write(Grain(n1: 43), null, [3]));

        Assert.Equal([0], Read(Grain())?.Payload);
        Assert.Equal([1], Read(Grain(extension: "ext"))?.Payload);
        Assert.Equal([2], Read(Grain(serviceId: "other"))?.Payload);
        Assert.Equal([3], Read(Grain(n1: 43))?.Payload);

        // A NULL extension and an empty one are the same grain (stored as '').
        Assert.Equal([0], Read(Grain(extension: ""))?.Payload);
        Assert.Equal(2, Write(Grain(extension: ""), 1, [5]));
        Assert.Equal([5], Read(Grain())?.Payload);
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM OrleansStorage"));
    }

    [Theory]
    [InlineData("ReadFromStorageKey")]
    [InlineData("WriteToStorageKey")]
    [InlineData("ClearStorageKey")]
    [InlineData("UpsertReminderRowKey")]
    [InlineData("ReadReminderRowsKey")]
    [InlineData("ReadReminderRowKey")]
    [InlineData("ReadRangeRows1Key")]
    [InlineData("ReadRangeRows2Key")]
    [InlineData("DeleteReminderRowKey")]
    [InlineData("DeleteReminderRowsKey")]
    public void Every_query_the_providers_load_is_present(string key) => Assert.False(string.IsNullOrWhiteSpace(_database.Query(key)));

    [Fact]
    public void Applying_the_schema_again_keeps_the_data()
    {
        Assert.Equal(1, Write(Grain(), null, [1]));
        Silo.Hosting.SqliteSchema.Apply(_database.ConnectionString);
        Assert.Equal([1], Read(Grain())?.Payload);
    }
}
