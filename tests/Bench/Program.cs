using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Bench;

// Benchmarks (not tests): each figure is printed next to a trivial endpoint measured in the same run, so
// the ratio holds even on a shared, noisy machine. Usage: dotnet run -c Release --project tests/Bench
//   [--duration seconds] [--concurrency n] [--only tokens,listings,rows,sql,import-export]
var only = ReadText("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
bool Runs(string section) => only is null || only.Contains(section, StringComparer.OrdinalIgnoreCase);
var duration = TimeSpan.FromSeconds(ReadOption("--duration", 10));
var concurrency = ReadOption("--concurrency", 32);
var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

await using var server = await BenchServer.StartAsync(configuration);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = server.Address,
    Timeout = TimeSpan.FromSeconds(30),
};

var table = new BenchTable();
async Task<string> LoginAsync()
{
    var login = await (await http.PostAsJsonAsync("api2/auth-token/", new { username = BenchServer.AdminEmail, password = BenchServer.AdminPassword })).Content.ReadFromJsonAsync<JsonObject>();
    return login!["token"]!.GetValue<string>();
}

var accountToken = await LoginAsync();
if (Runs("tokens"))
{
    await TokenExchangeAsync();
}

if (Runs("listings"))
{
    await ListingsAsync();
}

// Row API (issue 7): batch appends and 1,000-row pages, one base and 100 bases; its own table (rows/s).
if (Runs("rows"))
{
    await RowBenchmark.RunAsync(http, accountToken, server.ProcessId, duration, table);
}

// SQL (issue 15): one base of 100,000 rows, one client.
if (Runs("sql"))
{
    await SqlBenchmark.RunAsync(http, accountToken, server.ProcessId, duration, table);
}

// Import/export (issue 6): on a server of its own, so the peak memory it reports is the import's.
if (Runs("import-export"))
{
    await ImportExportBench.RunAsync(configuration, table);
}

table.Print(Console.Out, $"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {concurrency} concurrent clients for throughput figures, {duration.TotalSeconds:F0} s per figure after a warm-up");

return;

// Token exchange (issue 4): 16 bases, each with an API token, owned by the admin; 32 clients.
async Task TokenExchangeAsync()
{
    var apiTokens = new List<string>();
    for (var i = 0; i < 16; i++)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/v2.1/dtables/") { Content = new FormUrlEncodedContent([KeyValuePair.Create("name", $"bench-{i}")]) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
        var created = (await (await http.SendAsync(create)).Content.ReadFromJsonAsync<JsonObject>())!["table"]!;
        using var token = new HttpRequestMessage(HttpMethod.Post, $"api/v2.1/workspace/{created["workspace_id"]}/dtable/bench-{i}/api-tokens/")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("app_name", "bench"), KeyValuePair.Create("permission", "rw")]),
        };
        token.Headers.Authorization = new AuthenticationHeaderValue("Token", accountToken);
        apiTokens.Add((await (await http.SendAsync(token)).Content.ReadFromJsonAsync<JsonObject>())!["api_token"]!.GetValue<string>());
    }

    var load = new LoadGenerator(http, concurrency, warmUp: TimeSpan.FromSeconds(3), duration);
    var (baseline, exchange) = await load.RunAlternatingAsync(
        ("GET /api2/ping/ (baseline)", _ => new HttpRequestMessage(HttpMethod.Get, "api2/ping/")),
        ("GET /api/v2.1/dtable/app-access-token/", sequence =>
        {
            var message = new HttpRequestMessage(HttpMethod.Get, "api/v2.1/dtable/app-access-token/");
            message.Headers.Authorization = new AuthenticationHeaderValue("Token", apiTokens[sequence % apiTokens.Count]);
            return message;
        }),
        HttpStatusCode.OK);
    table.AddThroughput("tokens", baseline, baseline, minimumRatio: null);
    table.AddThroughput("tokens", exchange, baseline, minimumRatio: 0.5);
}

// Listings (issue 5): 100,000 bases across 1,000 users and 20 organizations, measured with 8 clients.
async Task ListingsAsync()
{
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
    table.AddLatency("listings", listingBaseline, listingBaseline, p50CeilingMs: null);
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
        table.AddLatency("listings", await listingLoad.RunAsync(name, _ => Admin(path), HttpStatusCode.OK), listingBaseline, p50CeilingMs: 20);
    }
}

string? ReadText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int ReadOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
