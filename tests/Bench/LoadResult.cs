namespace SeaTable.Bench;

/// <summary>What one measured endpoint did: throughput and latency percentiles.</summary>
public sealed record LoadResult(string Name, long Requests, long Failures, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}
