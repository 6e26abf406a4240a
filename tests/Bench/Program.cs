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

// Listings (issue 5): 100,000 bases across 1,000 users and 20 organizations, measured with 8 clients.
Console.WriteLine("seeding 20 organizations and 1,000 users through the API, then 100,000 bases into the catalog ...");
var users = await CatalogSeeder.CreateUsersAsync(http, accountToken, users: 1000, organizations: 20);
CatalogSeeder.InsertBases(server.DatabasePath, users, bases: 100_000);
var orgUser = users.First(u => u.OrgId > 0);
var listingLoad = new LoadGenerator(http, concurrency: 8, warmUp: TimeSpan.FromSeconds(2), duration: TimeSpan.FromSeconds(Math.Max(3, duration.TotalSeconds / 2)));
HttpRequestMessage Admin(string path)
{
    var message = new HttpRequestMessage(HttpMethod.Get, path);
    message.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
    return message;
}

var listingBaseline = await listingLoad.RunAsync("GET /api2/ping/ (baseline, 8 clients)", _ => new HttpRequestMessage(HttpMethod.Get, "api2/ping/"), HttpStatusCode.OK);
var listings = new List<LoadResult>();
foreach (var (name, path) in new[]
{
    ("all bases, first page (100)", "api/v2.1/admin/dtables/"),
    ("all bases, page 800 (offset 79,900)", "api/v2.1/admin/dtables/?page=800"),
    ("all bases, by cursor deep", $"api/v2.1/admin/dtables/?cursor={Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("10080000")).TrimEnd('=')}"),
    ("all bases, name filter", "api/v2.1/admin/dtables/?name=base-4242"),
    ("a user's bases (25)", $"api/v2.1/admin/users/{orgUser.Id}/dtables/"),
    ("an organization's bases, first page", $"api/v2.1/admin/organizations/{orgUser.OrgId}/dtables/"),
    ("an organization's bases, page 150", $"api/v2.1/admin/organizations/{orgUser.OrgId}/dtables/?page=150"),
    ("trash, first page", "api/v2.1/admin/trash-dtables/"),
    ("trash, page 300 (offset 7,475)", "api/v2.1/admin/trash-dtables/?page=300"),
    ("trash, deleted-date filter", $"api/v2.1/admin/trash-dtables/?deleted_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"))}"),
})
{
    listings.Add(await listingLoad.RunAsync(name, _ => Admin(path), HttpStatusCode.OK));
}

Console.WriteLine();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {concurrency} concurrent clients, {duration.TotalSeconds:F0} s per figure after 3 s warm-up");
Console.WriteLine();
Console.WriteLine($"| {"figure",-42} | {"req/s",9} | {"p50 ms",7} | {"p99 ms",7} | {"failed",6} | {"ratio",6} | {"target",13} | result      |");
Console.WriteLine($"|{new string('-', 44)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 8)}|{new string('-', 8)}|{new string('-', 15)}|-------------|");
Print(baseline, baseline, target: null);
Print(exchange, baseline, target: 0.5);
Console.WriteLine();
Console.WriteLine("listings over 100,000 bases (1,000 users, 20 organizations; 8 clients); target: p50 under 20 ms");
Console.WriteLine();
Console.WriteLine($"| {"figure",-42} | {"req/s",9} | {"p50 ms",7} | {"p99 ms",7} | {"failed",6} | {"ratio",6} | {"target",13} | result      |");
Console.WriteLine($"|{new string('-', 44)}|{new string('-', 11)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 8)}|{new string('-', 8)}|{new string('-', 15)}|-------------|");
PrintLatency(listingBaseline, listingBaseline, null);
foreach (var listing in listings)
{
    PrintLatency(listing, listingBaseline, 20);
}

static void Print(LoadResult result, LoadResult baseline, double? target)
{
    var ratio = result.RequestsPerSecond / baseline.RequestsPerSecond;
    var verdict = target is null ? "baseline" : ratio >= target ? "pass" : "falls short";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {result.Name,-42} | {result.RequestsPerSecond,9:F0} | {result.P50Ms,7:F2} | {result.P99Ms,7:F2} | {result.Failures,6} | {ratio,6:F2} | {(target is null ? "-" : $">= {target:F2} x ping"),13} | {verdict,-11} |"));
}

static void PrintLatency(LoadResult result, LoadResult baseline, double? p50TargetMs)
{
    var ratio = result.RequestsPerSecond / baseline.RequestsPerSecond;
    var verdict = p50TargetMs is null ? "baseline" : result.P50Ms < p50TargetMs && result.Failures == 0 ? "pass" : "falls short";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {result.Name,-42} | {result.RequestsPerSecond,9:F0} | {result.P50Ms,7:F2} | {result.P99Ms,7:F2} | {result.Failures,6} | {ratio,6:F2} | {(p50TargetMs is null ? "-" : $"p50 < {p50TargetMs:F0} ms"),13} | {verdict,-11} |"));
}

int ReadOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
