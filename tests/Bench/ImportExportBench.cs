using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeaTable.Bench;

/// <summary>
/// Issue 6's figures, on a server of its own (so its peak memory is the import's, not the earlier benchmarks'):
/// a 100,000-row x 10-column CSV (about 20 MB) imported through the API, rows/s and the server's peak working
/// set (VmHWM) during it, with GET /api2/ping/ latency measured alongside, idle and during the import; then
/// that base exported, downloaded and imported again, and every row compared. Targets: under 10 s, under 300 MB.
/// </summary>
public static class ImportExportBench
{
    private const int Rows = 100_000;
    private const int PingClients = 4;

    public static async Task RunAsync(string configuration, BenchTable results)
    {
        Console.WriteLine();
        Console.WriteLine($"import/export: generating a {Rows:N0}-row x 10-column CSV ...");
        var csv = GenerateCsv();
        // The server inherits these: SeaTable's CSV limits (10 MB, 50,000 rows) are below the benchmark's file.
        var limits = new Dictionary<string, string>
        {
            ["SeaTable__ImportExport__CsvMaxBytes"] = (64L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["SeaTable__ImportExport__CsvMaxRows"] = "1000000",
        };
        foreach (var (key, value) in limits)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        BenchServer server;
        try
        {
            server = await BenchServer.StartAsync(configuration);
        }
        finally
        {
            foreach (var key in limits.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }

        await using (server)
        {
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            var login = await (await http.PostAsJsonAsync("api2/auth-token/", new { username = BenchServer.AdminEmail, password = BenchServer.AdminPassword })).Content.ReadFromJsonAsync<JsonObject>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", login!["token"]!.GetValue<string>());
            var info = await http.GetFromJsonAsync<JsonObject>("api2/account/info/");
            var workspaceId = info!["workspace_id"]!.GetValue<long>();

            // Warm-up, as every figure here has one: a small CSV import and export run the same code once.
            var warmUp = await ImportAsync(http, workspaceId, "bench-warm-up.csv", Encoding.UTF8.GetBytes(string.Join('\n', Encoding.UTF8.GetString(csv).Split('\n').Take(2000))));
            await ExportAsync(http, workspaceId, "bench-warm-up", warmUp["table"]!["uuid"]!.GetValue<string>());
            var idle = await PingWhileAsync(http, Task.Delay(TimeSpan.FromSeconds(3)));
            var before = Memory(server.ProcessId);
            var peakReset = ResetPeak(server.ProcessId);

            // The CSV import alone, so its time and peak are its own.
            var clock = Stopwatch.StartNew();
            var answer = await ImportAsync(http, workspaceId, "bench-csv.csv", csv);
            var importSeconds = clock.Elapsed.TotalSeconds;
            var peak = Memory(server.ProcessId);
            var table = answer["table"]!;

            clock.Restart();
            var archive = await ExportAsync(http, workspaceId, table["name"]!.GetValue<string>(), table["uuid"]!.GetValue<string>());
            var exportSeconds = clock.Elapsed.TotalSeconds;

            // The archive import runs as a task while clients ping: the API's latency during an import.
            clock.Restart();
            var again = await ImportAsync(http, workspaceId, "bench-archive.dtable", archive);
            var busy = await PingWhileAsync(http, WaitAsync(http, again["task_id"]!.GetValue<string>()));
            var reimportSeconds = clock.Elapsed.TotalSeconds;
            var roundTrip = await ExportAsync(http, workspaceId, "bench-archive", again["table"]!["uuid"]!.GetValue<string>());
            var (rowsBefore, rowsAfter, same) = CompareRows(archive, roundTrip);
            var peakAll = Memory(server.ProcessId);

            Console.WriteLine();
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; CSV {csv.Length / 1e6:F1} MB, {Rows:N0} rows x 10 columns; archive {archive.Length / 1e6:F1} MB");
            Console.WriteLine($"server memory: {before.RssMb:F0} MB resident before the import; peak counter reset before it: {(peakReset ? "yes" : "no (VmHWM is the process's whole-life peak)")}");
            Row(results, "CSV import, 100,000 x 10 (request to answer)", $"{importSeconds:F2} s", "< 10 s", importSeconds < 10);
            Row(results, "CSV import rate", $"{Rows / importSeconds:N0} rows/s", ">= 10,000", Rows / importSeconds >= 10_000);
            Row(results, "server peak working set during the import", $"{peak.HwmMb:F0} MB", "< 300 MB", peak.HwmMb < 300);
            Row(results, "export (task + download)", $"{exportSeconds:F2} s", "-", null);
            Row(results, ".dtable re-import, 4 clients pinging (task end)", $"{reimportSeconds:F2} s", "-", null);
            Row(results, "rows round-tripped (export, re-import)", $"{rowsAfter:N0} / {rowsBefore:N0}", "all equal", same && rowsAfter == Rows);
            Row(results, "server peak working set, whole run", $"{peakAll.HwmMb:F0} MB", "-", null);
            Row(results, "ping p50 idle / during the .dtable import", $"{idle.P50:F2} / {busy.P50:F2} ms", "-", null);
            Row(results, "ping p99 idle / during the .dtable import", $"{idle.P99:F2} / {busy.P99:F2} ms", "-", null);
            Row(results, "ping req/s idle / during the .dtable import", $"{idle.Rate:F0} / {busy.Rate:F0}", "-", null);
        }
    }

    private static void Row(BenchTable table, string name, string value, string target, bool? pass) =>
        table.Add(new BenchRow("import", name, value, "", null, target, pass));

    /// <summary>Ten columns of about 200 bytes a row: text, numbers and dates as text, tags, a yes/no flag.</summary>
    private static byte[] GenerateCsv()
    {
        var random = new Random(6);
        var cities = new[] { "Berlin", "Zürich", "Paris", "Lisboa", "Kraków", "Oslo", "Roma", "Wien" };
        var tags = new[] { "red", "green", "blue", "urgent", "later" };
        var text = new StringBuilder("Name,Email,City,Amount,Date,Tags,Done,Notes,Code,Comment\n", Rows * 210);
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Customer {i:D6},customer{i}@example.com,{cities[random.Next(cities.Length)]},")
                .Append(CultureInfo.InvariantCulture, $"{random.Next(1, 100000) / 100.0:F2},2025-{1 + (i % 12):D2}-{1 + (i % 28):D2},")
                .Append('"').Append(tags[random.Next(tags.Length)]).Append(',').Append(tags[random.Next(tags.Length)]).Append("\",")
                .Append(random.Next(2) == 0 ? "yes" : "no").Append(',')
                .Append(CultureInfo.InvariantCulture, $"Order note {random.Next():X8} with some words in it and a little more text,")
                .Append(CultureInfo.InvariantCulture, $"C-{random.Next(100000, 999999)},")
                .Append(CultureInfo.InvariantCulture, $"\"A longer comment about order {i}, quoted\"\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<JsonObject> ImportAsync(HttpClient http, long workspaceId, string fileName, byte[] bytes)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "dtable", fileName } };
        using var response = await http.PostAsync($"api/v2.1/workspace/{workspaceId}/import-dtable/", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import {fileName}: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task WaitAsync(HttpClient http, string taskId)
    {
        while (true)
        {
            using var response = await http.GetAsync($"api/v2.1/dtable-io-status/?task_id={taskId}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"task {taskId}: {body.ToJsonString()}");
            }

            if (body["is_finished"]!.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<byte[]> ExportAsync(HttpClient http, long workspaceId, string name, string uuid)
    {
        var started = await (await http.PostAsync($"api/v2.1/workspace/{workspaceId}/dtable/{Uri.EscapeDataString(name)}/export-dtable/", null)).Content.ReadFromJsonAsync<JsonObject>();
        var taskId = started!["task_id"]!.GetValue<string>();
        await WaitAsync(http, taskId);
        return await http.GetByteArrayAsync($"api/v2.1/dtable-export-content/?task_id={taskId}&dtable_uuid={uuid}");
    }

    /// <summary>Compares the rows of two archives' content.json, row by row, every field.</summary>
    private static (int Before, int After, bool Same) CompareRows(byte[] first, byte[] second)
    {
        using var a = Content(first);
        using var b = Content(second);
        var rowsA = a.RootElement.GetProperty("tables")[0].GetProperty("rows");
        var rowsB = b.RootElement.GetProperty("tables")[0].GetProperty("rows");
        var same = rowsA.GetArrayLength() == rowsB.GetArrayLength()
            && rowsA.EnumerateArray().Zip(rowsB.EnumerateArray()).All(pair => JsonElement.DeepEquals(pair.First, pair.Second));
        return (rowsA.GetArrayLength(), rowsB.GetArrayLength(), same);
    }

    private static JsonDocument Content(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var stream = zip.GetEntry("content.json")!.Open();
        return JsonDocument.Parse(stream);
    }

    /// <summary>Pings with a few clients until the task ends: latency percentiles and rate.</summary>
    private static async Task<(double P50, double P99, double Rate)> PingWhileAsync(HttpClient http, Task until)
    {
        var latencies = new List<double>[PingClients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, PingClients).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = [];
            while (!until.IsCompleted)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("api2/ping/");
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return all.Length == 0
            ? (double.NaN, double.NaN, 0)
            : (all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))], all.Length / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Resets the kernel's peak-RSS counter of the process (Linux 4.0+: "5" into clear_refs).</summary>
    private static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (double RssMb, double HwmMb) Memory(int pid)
    {
        double Read(string key) => File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
        return (Read("VmRSS"), Read("VmHWM"));
    }
}
