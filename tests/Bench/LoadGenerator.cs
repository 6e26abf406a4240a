using System.Diagnostics;
using System.Net;

namespace SeaTable.Bench;

/// <summary>
/// A closed-loop load: a fixed number of workers each send the next request as soon as the previous one
/// answered, for a fixed time after a warm-up. Bounded in both count of workers and time.
/// </summary>
public sealed class LoadGenerator(HttpClient client, int concurrency, TimeSpan warmUp, TimeSpan duration)
{
    public async Task<LoadResult> RunAsync(string name, Func<int, HttpRequestMessage> request, HttpStatusCode expected)
    {
        await RunWorkersAsync(request, expected, warmUp, record: null);
        var latencies = new List<double>[concurrency];
        var failures = new long[concurrency];
        var clock = Stopwatch.StartNew();
        await RunWorkersAsync(request, expected, duration, (worker, ms, ok) =>
        {
            (latencies[worker] ??= []).Add(ms);
            if (!ok)
            {
                failures[worker]++;
            }
        });
        var elapsed = clock.Elapsed;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, failures.Sum(), elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private async Task RunWorkersAsync(Func<int, HttpRequestMessage> request, HttpStatusCode expected, TimeSpan length, Action<int, double, bool>? record)
    {
        using var stop = new CancellationTokenSource(length);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var sequence = worker;
            while (!stop.IsCancellationRequested)
            {
                using var message = request(sequence);
                sequence += concurrency;
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    ok = response.StatusCode == expected;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                record?.Invoke(worker, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
            }
        }));
        await Task.WhenAll(workers);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
