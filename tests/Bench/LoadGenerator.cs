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

    /// <summary>
    /// Measures a figure and its baseline in alternating slices (baseline, figure, baseline, ...), so that a
    /// burst of other work on a shared machine lands on both rather than skewing their ratio.
    /// </summary>
    public async Task<(LoadResult Baseline, LoadResult Figure)> RunAlternatingAsync(
        (string Name, Func<int, HttpRequestMessage> Request) baseline,
        (string Name, Func<int, HttpRequestMessage> Request) figure,
        HttpStatusCode expected,
        int slices = 10)
    {
        await RunWorkersAsync(baseline.Request, expected, warmUp, record: null);
        await RunWorkersAsync(figure.Request, expected, warmUp, record: null);
        var slice = duration / slices;
        var samples = new[] { new Sample(), new Sample() };
        for (var i = 0; i < slices; i++)
        {
            foreach (var (which, request) in new[] { (0, baseline.Request), (1, figure.Request) })
            {
                var sample = samples[which];
                var clock = Stopwatch.StartNew();
                await RunWorkersAsync(request, expected, slice, (_, ms, ok) =>
                {
                    lock (sample)
                    {
                        sample.Latencies.Add(ms);
                        sample.Failures += ok ? 0 : 1;
                    }
                });
                sample.Elapsed += clock.Elapsed;
            }
        }

        return (samples[0].ToResult(baseline.Name), samples[1].ToResult(figure.Name));
    }

    private sealed class Sample
    {
        public List<double> Latencies { get; } = [];

        public long Failures { get; set; }

        public TimeSpan Elapsed { get; set; }

        public LoadResult ToResult(string name)
        {
            var sorted = Latencies.Order().ToArray();
            return new LoadResult(name, sorted.Length, Failures, Elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        }
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
