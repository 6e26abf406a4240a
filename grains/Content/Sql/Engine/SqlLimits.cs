namespace SeaTable.Grains.Content.Sql.Engine;

/// <summary>The bounds one statement runs within (from the SQL settings).</summary>
internal sealed record SqlLimits(
    TimeSpan Timeout,
    int DefaultRows = 100,
    int MaxRows = 10_000,
    long MaxJoinRows = 1_000_000,
    int MaxLength = 100_000,
    int MaxDepth = 100);

/// <summary>
/// Ends a statement that runs over its time: the loops over rows call <see cref="Tick"/>, which looks at the
/// clock every few thousand calls. The grain answers a 4xx instead of being held for minutes.
/// </summary>
internal sealed class SqlGuard(SqlLimits limits, TimeProvider clock)
{
    private readonly long _deadline = clock.GetTimestamp() + (long)(limits.Timeout.TotalSeconds * clock.TimestampFrequency);
    private int _ticks;

    public SqlLimits Limits { get; } = limits;

    public void Tick()
    {
        if ((++_ticks & 4095) == 0)
        {
            Check();
        }
    }

    public void Check()
    {
        if (clock.GetTimestamp() > _deadline)
        {
            throw new SqlException(SqlError.LimitExceeded, $"The query took longer than {Limits.Timeout.TotalSeconds:0.###} seconds and was stopped.");
        }
    }
}
