using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Bench;

/// <summary>
/// The row API (issue 7): batch appends of 1,000 rows of 10 columns and 1,000-row page listings, for one base
/// (filled to SeaTable's 100,000 rows) and for 100 bases in parallel, next to GET /api2/ping/ in the same run.
/// Targets: 5,000 appended rows/s; a 1,000-row page in under 20 ms p50. Also prints the server's memory
/// growth for the full base.
/// </summary>
public static class RowBenchmark
{
    private const int BatchRows = 1000;
    private const int Columns = 10;
    private const int ParallelBases = 100;
    private const int BatchesPerParallelBase = 3;

    public static async Task RunAsync(HttpClient http, string accountToken, int serverProcessId, TimeSpan duration, BenchTable table)
    {
        Console.WriteLine($"row API: creating {ParallelBases + 1} bases with a {Columns}-column table and an API token each ...");
        var bases = new List<BenchBase>();
        for (var i = 0; i <= ParallelBases; i++)
        {
            bases.Add(await CreateBaseAsync(http, accountToken, $"rows-bench-{i}"));
        }

        var single = bases[0];
        var parallel = bases.Skip(1).ToList();
        var load = new LoadGenerator(http, concurrency: 8, warmUp: TimeSpan.FromSeconds(2), duration: TimeSpan.FromSeconds(Math.Max(3, duration.TotalSeconds / 2)));
        var baseline = await load.RunAsync("GET /api2/ping/ (baseline, 8 clients)", _ => new HttpRequestMessage(HttpMethod.Get, "api2/ping/"), HttpStatusCode.OK);

        var memoryBefore = ResidentMegabytes(serverProcessId);
        var oneBase = await AppendAsync(http, [single], batchesPerBase: 100_000 / BatchRows, name: "batch append, one base (100 x 1,000 rows)");
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var memoryAfter = ResidentMegabytes(serverProcessId);
        var manyBases = await AppendAsync(http, parallel, BatchesPerParallelBase, $"batch append, {ParallelBases} bases in parallel");

        var listAlone = await new LoadGenerator(http, concurrency: 1, warmUp: TimeSpan.FromSeconds(1), duration: TimeSpan.FromSeconds(Math.Max(3, duration.TotalSeconds / 2)))
            .RunAsync("list 1,000 rows, one base of 100,000, 1 client", sequence =>
                Get(single, $"rows/?table_name=Bench&start={sequence * 7919 % 99 * BatchRows}&limit={BatchRows}"), HttpStatusCode.OK);
        var listOne = await load.RunAsync("list 1,000 rows, one base of 100,000, 8 clients", sequence =>
            Get(single, $"rows/?table_name=Bench&start={sequence * 7919 % 99 * BatchRows}&limit={BatchRows}"), HttpStatusCode.OK);
        var listMany = await new LoadGenerator(http, concurrency: 32, warmUp: TimeSpan.FromSeconds(2), duration: TimeSpan.FromSeconds(Math.Max(3, duration.TotalSeconds / 2)))
            .RunAsync($"list 1,000 rows, {ParallelBases} bases, 32 clients", sequence =>
                Get(parallel[sequence % parallel.Count], $"rows/?table_name=Bench&start={sequence % BatchesPerParallelBase * BatchRows}&limit={BatchRows}"), HttpStatusCode.OK);

        Console.WriteLine($"row API: {BatchRows}-row batches of {Columns} columns (text, numbers, a select); targets: >= 5,000 appended rows/s, 1,000-row page p50 < 20 ms");
        Row(table, baseline.Name, double.NaN, baseline.RequestsPerSecond, baseline.P50Ms, baseline.P99Ms, baseline.Failures, 1, "-", null);
        foreach (var append in new[] { oneBase, manyBases })
        {
            Row(table, append.Name, append.RowsPerSecond, append.RequestsPerSecond, append.P50Ms, append.P99Ms, append.Failures,
                append.RequestsPerSecond / baseline.RequestsPerSecond, ">= 5,000 rows/s", append.RowsPerSecond >= 5000 && append.Failures == 0);
        }

        foreach (var list in new[] { listAlone, listOne, listMany })
        {
            Row(table, list.Name, list.RequestsPerSecond * BatchRows, list.RequestsPerSecond, list.P50Ms, list.P99Ms, list.Failures,
                list.RequestsPerSecond / baseline.RequestsPerSecond, "p50 < 20 ms", list.P50Ms < 20 && list.Failures == 0);
        }

        Console.WriteLine();
        Console.WriteLine($"server memory (RSS) for one base of 100,000 rows x {Columns} columns: {memoryBefore:F0} MB before, {memoryAfter:F0} MB after (+{memoryAfter - memoryBefore:F0} MB)");
    }

    internal static async Task<AppendResult> AppendAsync(HttpClient http, IReadOnlyList<BenchBase> bases, int batchesPerBase, string name)
    {
        var latencies = new List<double>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(bases.Select(b => Task.Run(async () =>
        {
            for (var batch = 0; batch < batchesPerBase; batch++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"dtable-server/api/v1/dtables/{b.Uuid}/batch-append-rows/")
                {
                    Content = JsonContent.Create(new { table_name = "Bench", rows = Rows(batch) }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", b.Jwt);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    failures += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return new AppendResult(name, (sorted.Length - failures) * (double)BatchRows / seconds, sorted.Length / seconds,
            sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.99 * sorted.Length) - 1)], failures);
    }

    /// <summary>1,000 rows of 10 cells: short texts, numbers, a single select.</summary>
    private static List<Dictionary<string, object>> Rows(int batch) =>
    [
        .. Enumerable.Range(0, BatchRows).Select(i => new Dictionary<string, object>
        {
            ["Name"] = $"row {batch}-{i}", ["Text 2"] = "lorem ipsum dolor", ["Text 3"] = $"item-{i % 97}", ["Text 4"] = "sit amet",
            ["Number 1"] = i, ["Number 2"] = i * 1.5, ["Number 3"] = batch, ["Status"] = i % 3 == 0 ? "open" : "closed",
            ["Text 5"] = "consectetur", ["Text 6"] = $"{batch * BatchRows + i}",
        }),
    ];

    private static HttpRequestMessage Get(BenchBase b, string path)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, $"dtable-server/api/v1/dtables/{b.Uuid}/{path}");
        message.Headers.Authorization = new AuthenticationHeaderValue("Token", b.Jwt);
        return message;
    }

    internal static async Task<BenchBase> CreateBaseAsync(HttpClient http, string accountToken, string name)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/v2.1/dtables/") { Content = new FormUrlEncodedContent([KeyValuePair.Create("name", name)]) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
        var table = (await (await http.SendAsync(create)).Content.ReadFromJsonAsync<JsonObject>())!["table"]!;
        using var token = new HttpRequestMessage(HttpMethod.Post, $"api/v2.1/workspace/{table["workspace_id"]}/dtable/{name}/api-tokens/")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("app_name", "bench"), KeyValuePair.Create("permission", "rw")]),
        };
        token.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
        var apiToken = (await (await http.SendAsync(token)).Content.ReadFromJsonAsync<JsonObject>())!["api_token"]!.GetValue<string>();
        using var exchange = new HttpRequestMessage(HttpMethod.Get, "api/v2.1/dtable/app-access-token/");
        exchange.Headers.Authorization = new AuthenticationHeaderValue("Token", apiToken);
        var jwt = (await (await http.SendAsync(exchange)).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        var b = new BenchBase(table["uuid"]!.GetValue<string>(), jwt);

        // The bench table: 10 columns, and Table1 (with its 3 empty rows) deleted so counts stay round.
        var columns = new[] { ("Name", "text"), ("Text 2", "text"), ("Text 3", "text"), ("Text 4", "text"), ("Number 1", "number"), ("Number 2", "number"), ("Number 3", "number"), ("Status", "single-select"), ("Text 5", "text"), ("Text 6", "text") };
        using var addTable = new HttpRequestMessage(HttpMethod.Post, $"dtable-server/api/v1/dtables/{b.Uuid}/tables/")
        {
            Content = JsonContent.Create(new { table_name = "Bench", columns = columns.Select(c => new { column_name = c.Item1, column_type = c.Item2 }) }),
        };
        addTable.Headers.Authorization = new AuthenticationHeaderValue("Token", jwt);
        (await http.SendAsync(addTable)).EnsureSuccessStatusCode();
        using var deleteTable = new HttpRequestMessage(HttpMethod.Delete, $"dtable-server/api/v1/dtables/{b.Uuid}/tables/") { Content = JsonContent.Create(new { table_name = "Table1" }) };
        deleteTable.Headers.Authorization = new AuthenticationHeaderValue("Token", jwt);
        (await http.SendAsync(deleteTable)).EnsureSuccessStatusCode();
        return b;
    }

    internal static double ResidentMegabytes(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return status is null ? double.NaN : double.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static void Row(BenchTable table, string name, double rowsPerSecond, double requestsPerSecond, double p50, double p99, long failures,
        double ratio, string target, bool? pass) =>
        table.Add(new BenchRow("rows", name, string.Create(CultureInfo.InvariantCulture,
            $"{(double.IsNaN(rowsPerSecond) ? "" : $"{rowsPerSecond:F0} rows/s, ")}{requestsPerSecond:F1} req/s, p50 {p50:F2} ms, p99 {p99:F2} ms{(failures > 0 ? $", {failures} failed" : "")}"),
            "rows/s", ratio, target, pass));

    internal sealed record BenchBase(string Uuid, string Jwt);

    internal sealed record AppendResult(string Name, double RowsPerSecond, double RequestsPerSecond, double P50Ms, double P99Ms, long Failures);
}
