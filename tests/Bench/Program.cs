using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Bench;

// Benchmarks (not tests): each figure is printed next to a trivial endpoint measured in the same run, so
// the ratio holds even on a shared, noisy machine. Usage: dotnet run -c Release --project tests/Bench
//   [--duration seconds] [--concurrency n]
var duration = TimeSpan.FromSeconds(ReadOption("--duration", 10));
var concurrency = ReadOption("--concurrency", 32);
var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

await using var server = await BenchServer.StartAsync(configuration);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = server.Address,
    Timeout = TimeSpan.FromSeconds(30),
};

// Setup: 16 bases, each with an API token, owned by the admin.
var login = await (await http.PostAsJsonAsync("api2/auth-token/", new { username = BenchServer.AdminEmail, password = BenchServer.AdminPassword })).Content.ReadFromJsonAsync<JsonObject>();
var accountToken = login!["token"]!.GetValue<string>();
var apiTokens = new List<string>();
for (var i = 0; i < 16; i++)
{
    using var create = new HttpRequestMessage(HttpMethod.Post, "api/v2.1/dtables/") { Content = new FormUrlEncodedContent([KeyValuePair.Create("name", $"bench-{i}")]) };
    create.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
    var table = (await (await http.SendAsync(create)).Content.ReadFromJsonAsync<JsonObject>())!["table"]!;
    using var token = new HttpRequestMessage(HttpMethod.Post, $"api/v2.1/workspace/{table["workspace_id"]}/dtable/bench-{i}/api-tokens/")
    {
        Content = new FormUrlEncodedContent([KeyValuePair.Create("app_name", "bench"), KeyValuePair.Create("permission", "rw")]),
    };
    token.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
    apiTokens.Add((await (await http.SendAsync(token)).Content.ReadFromJsonAsync<JsonObject>())!["api_token"]!.GetValue<string>());
}

var load = new LoadGenerator(http, concurrency, warmUp: TimeSpan.FromSeconds(3), duration);
var baseline = await load.RunAsync("GET /api2/ping/ (baseline)", _ => new HttpRequestMessage(HttpMethod.Get, "api2/ping/"), HttpStatusCode.OK);
var exchange = await load.RunAsync("GET /api/v2.1/dtable/app-access-token/", sequence =>
{
    var message = new HttpRequestMessage(HttpMethod.Get, "api/v2.1/dtable/app-access-token/");
    message.Headers.Authorization = new AuthenticationHeaderValue("Token", apiTokens[sequence % apiTokens.Count]);
    return message;
}, HttpStatusCode.OK);

Console.WriteLine();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {concurrency} concurrent clients, {duration.TotalSeconds:F0} s per figure after 3 s warm-up");
Console.WriteLine();
Console.WriteLine($"| {"figure",-42} | {"req/s",9} | {"p50 ms",7} | {"p99 ms",7} | {"failed",6} | {"ratio",6} | {"target",13} | result      |");
Console.WriteLine($"|{new string('-', 44)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 8)}|{new string('-', 8)}|{new string('-', 15)}|-------------|");
Print(baseline, baseline, target: null);
Print(exchange, baseline, target: 0.5);

static void Print(LoadResult result, LoadResult baseline, double? target)
{
    var ratio = result.RequestsPerSecond / baseline.RequestsPerSecond;
    var verdict = target is null ? "baseline" : ratio >= target ? "pass" : "falls short";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {result.Name,-42} | {result.RequestsPerSecond,9:F0} | {result.P50Ms,7:F2} | {result.P99Ms,7:F2} | {result.Failures,6} | {ratio,6:F2} | {(target is null ? "-" : $">= {target:F2} x ping"),13} | {verdict,-11} |"));
}

int ReadOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
