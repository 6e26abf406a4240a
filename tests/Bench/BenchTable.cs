using System.Globalization;

namespace SeaTable.Bench;

/// <summary>One printed line: a figure, what it is held against, and whether it meets its target.</summary>
public sealed record BenchRow(string Section, string Figure, string Value, string Unit, double? Ratio, string Target, bool? Pass);

/// <summary>
/// Collects every section's figures and prints them as one Markdown table at the end, so a whole run
/// reads (and pastes into the README) as a single result.
/// </summary>
public sealed class BenchTable
{
    private readonly List<BenchRow> _rows = [];

    public void Add(BenchRow row) => _rows.Add(row);

    /// <summary>A throughput figure held against the baseline's throughput (target: a minimum ratio).</summary>
    public void AddThroughput(string section, LoadResult result, LoadResult baseline, double? minimumRatio)
    {
        var ratio = result.RequestsPerSecond / baseline.RequestsPerSecond;
        _rows.Add(new BenchRow(section, result.Name, Describe(result), "req/s", ratio,
            minimumRatio is null ? "-" : string.Create(CultureInfo.InvariantCulture, $">= {minimumRatio:F2} x ping"),
            minimumRatio is null ? null : ratio >= minimumRatio && result.Failures == 0));
    }

    /// <summary>A latency figure (target: a p50 ceiling), with its throughput ratio to the baseline for scale.</summary>
    public void AddLatency(string section, LoadResult result, LoadResult baseline, double? p50CeilingMs)
    {
        var ratio = result.RequestsPerSecond / baseline.RequestsPerSecond;
        _rows.Add(new BenchRow(section, result.Name, Describe(result), "req/s", ratio,
            p50CeilingMs is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"p50 < {p50CeilingMs:F0} ms"),
            p50CeilingMs is null ? null : result.P50Ms < p50CeilingMs && result.Failures == 0));
    }

    public void Print(TextWriter output, string machine)
    {
        output.WriteLine();
        output.WriteLine(machine);
        output.WriteLine();
        output.WriteLine("| section  | figure                                        | measured                                                   | ratio  | target          | result      |");
        output.WriteLine("|----------|-----------------------------------------------|------------------------------------------------------------|--------|-----------------|-------------|");
        foreach (var row in _rows)
        {
            var verdict = row.Pass switch
            {
                true => "pass",
                false => "falls short",
                null => row.Ratio is { } ratio && Math.Abs(ratio - 1) < 1e-9 ? "baseline" : "-",
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Section,-8} | {row.Figure,-45} | {row.Value,-58} | {(row.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "-"),6} | {row.Target,-15} | {verdict,-11} |"));
        }
    }

    private static string Describe(LoadResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms{(result.Failures > 0 ? $", {result.Failures} failed" : "")}");
}
