using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SeaTable.Bench;

/// <summary>
/// SQL (issue 15) on one base of 100,000 rows x 10 columns, one client, through dtable-db's query route, next
/// to GET /api2/ping/ in the same run. Targets: a filtered, sorted 1,000-row page p50 &lt; 20 ms; a GROUP BY
/// over every row &lt; 50 ms; a 10,000-row page &lt; 100 ms; an UPDATE of 10,000 rows &lt; 1 s. Also prints the
/// server's memory before and after the queries (a query reads the rows where they are, it copies nothing).
/// </summary>
public static class SqlBenchmark
{
    public static async Task RunAsync(HttpClient http, string accountToken, int serverProcessId, TimeSpan duration, BenchTable table)
    {
        Console.WriteLine("sql: creating a base of 100,000 rows x 10 columns ...");
        var b = await RowBenchmark.CreateBaseAsync(http, accountToken, "sql-bench");
        await RowBenchmark.AppendAsync(http, [b], batchesPerBase: 100, name: "fill");
        var slice = TimeSpan.FromSeconds(Math.Max(3, duration.TotalSeconds / 2));
        var load = new LoadGenerator(http, concurrency: 1, warmUp: TimeSpan.FromSeconds(2), duration: slice);
        var baseline = await load.RunAsync("GET /api2/ping/ (baseline, 1 client)", _ => new HttpRequestMessage(HttpMethod.Get, "api2/ping/"), HttpStatusCode.OK);
        var memoryBefore = RowBenchmark.ResidentMegabytes(serverProcessId);

        var filtered = await load.RunAsync("SELECT * WHERE n > x ORDER BY text LIMIT 1000", _ =>
            Query(b, "SELECT * FROM Bench WHERE `Number 1` > 500 ORDER BY `Text 3` LIMIT 1000"), HttpStatusCode.OK);
        var grouped = await load.RunAsync("SELECT col, COUNT(*), SUM(n) GROUP BY col (100k)", _ =>
            Query(b, "SELECT Status, COUNT(*), SUM(`Number 2`) FROM Bench GROUP BY Status"), HttpStatusCode.OK);
        var page = await load.RunAsync("SELECT * LIMIT 10000 (a 10,000-row page)", sequence =>
            Query(b, $"SELECT * FROM Bench LIMIT 10000 OFFSET {sequence % 9 * 10_000}"), HttpStatusCode.OK);
        var memoryAfter = RowBenchmark.ResidentMegabytes(serverProcessId);

        // Each UPDATE sets another value, so every statement really writes its 10,000 rows.
        var updates = new List<double>();
        var failures = 0;
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(Query(b, $"UPDATE Bench SET `Text 4` = 'changed {i}' WHERE `Number 3` < 10"));
            updates.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var body = await response.Content.ReadAsStringAsync();
            failures += response.StatusCode == HttpStatusCode.OK && body.Contains("\"affected_rows\":10000", StringComparison.Ordinal) ? 0 : 1;
        }

        updates.Sort();
        var update = new LoadResult("UPDATE ... WHERE (10,000 rows)", updates.Count, failures, TimeSpan.FromMilliseconds(updates.Sum()),
            updates[updates.Count / 2], updates[^1]);

        Console.WriteLine("sql: one base of 100,000 rows x 10 columns, 1 client; targets: page p50 < 20 ms, group < 50 ms, 10,000 rows < 100 ms, update of 10,000 < 1 s");
        table.AddLatency("sql", baseline, baseline, null);
        table.AddLatency("sql", filtered, baseline, 20);
        table.AddLatency("sql", grouped, baseline, 50);
        table.AddLatency("sql", page, baseline, 100);
        table.AddLatency("sql", update, baseline, 1000);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server memory (RSS) around the queries on the 100,000-row base: {memoryBefore:F0} MB before, {memoryAfter:F0} MB after ({memoryAfter - memoryBefore:+0;-0} MB)"));
    }

    private static HttpRequestMessage Query(RowBenchmark.BenchBase b, string sql)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"dtable-db/api/v1/query/{b.Uuid}/") { Content = JsonContent.Create(new { sql }) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Token", b.Jwt);
        return message;
    }
}
