using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Cluster;

/// <summary>What a load run must not leave behind: ghost bases and rows written twice.</summary>
public static class ClusterChecks
{
    /// <summary>
    /// Ghosts are bases whose name is taken but that are not whole. Within <paramref name="deadline"/>: every base
    /// a create answered for is listed (live or in the trash) and a live one is usable (its token list answers);
    /// a base a retried create called "already exists" is listed; a create never acknowledged leaves the name
    /// free (creating it again answers 201) or a whole base.
    /// </summary>
    public static async Task<List<string>> FindGhostsAsync(SiloProcess silo, IReadOnlyList<LoadWorker> workers, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        List<string> ghosts;
        do
        {
            ghosts = [];
            foreach (var worker in workers)
            {
                ghosts.AddRange(await FindListedGhostsAsync(silo, worker));
            }

            if (ghosts.Count == 0)
            {
                break;
            }

            await Task.Delay(1000);
        }
        while (DateTime.UtcNow < until);

        foreach (var worker in workers)
        {
            ghosts.AddRange(await FindTakenNamesAsync(silo, worker));
        }

        return ghosts;
    }

    /// <summary>Rows of live bases whose name appears more than once (a repeated append written twice).</summary>
    public static async Task<List<string>> FindDuplicateRowsAsync(SiloProcess silo, IReadOnlyList<LoadWorker> workers)
    {
        var duplicates = new List<string>();
        foreach (var tracked in workers.SelectMany(w => w.Bases).Where(b => b.Jwt is not null && !b.ExpectedTrashed))
        {
            using var http = ClusterHttp.Client(silo, tracked.Jwt);
            using var response = await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Get, $"/dtable-server/api/v1/dtables/{tracked.Uuid}/rows/?table_name=Table1"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var rows = (await response.ReadJsonAsync(HttpStatusCode.OK))["rows"]!.AsArray();
            // Only the rows the load appended (a new base's own rows have no name).
            duplicates.AddRange(rows.GroupBy(r => r!["Name"]?.GetValue<string>() ?? "").Where(g => g.Key.Length > 0 && g.Count() > 1)
                .Select(g => $"{tracked.Name}: row '{g.Key}' is there {g.Count()} times"));
        }

        return duplicates;
    }

    private static async Task<List<string>> FindListedGhostsAsync(SiloProcess silo, LoadWorker worker)
    {
        var ghosts = new List<string>();
        using var http = ClusterHttp.Client(silo, worker.Token);
        var (live, trashed) = await ListAsync(http);
        foreach (var tracked in worker.Bases)
        {
            if (tracked.Uuid is { } uuid)
            {
                var liveName = live.FirstOrDefault(b => b.Uuid == uuid).Name;
                if (liveName is null && !trashed.Any(b => b.Uuid == uuid))
                {
                    ghosts.Add($"{tracked.Name}: created ({uuid}) but neither listed nor in the trash");
                }
                else if (liveName is not null && await TokenListStatusAsync(http, worker.WorkspaceId, liveName) is var status and not HttpStatusCode.OK)
                {
                    ghosts.Add($"{tracked.Name}: listed as '{liveName}' but its API token list answers {(int)status}");
                }
            }
            else if (tracked.ClaimedByRetry && !live.Concat(trashed).Any(b => b.Name == tracked.Name || b.Name == tracked.Name + "-r"))
            {
                ghosts.Add($"{tracked.Name}: a retried create answered \"already exists\" but it is not listed");
            }
        }

        return ghosts;
    }

    private static async Task<List<string>> FindTakenNamesAsync(SiloProcess silo, LoadWorker worker)
    {
        var ghosts = new List<string>();
        using var http = ClusterHttp.Client(silo, worker.Token);
        var (live, trashed) = await ListAsync(http);
        foreach (var tracked in worker.Bases.Where(b => b.CreateUnacknowledged && b.Uuid is null))
        {
            if (live.Any(b => b.Name == tracked.Name))
            {
                if (await TokenListStatusAsync(http, worker.WorkspaceId, tracked.Name) is var status and not HttpStatusCode.OK)
                {
                    ghosts.Add($"{tracked.Name}: an unacknowledged create left it listed, but its API token list answers {(int)status}");
                }

                continue;
            }

            if (trashed.Any(b => b.Name == tracked.Name))
            {
                continue;
            }

            using var create = await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v2.1/dtables/")
            {
                Content = new FormUrlEncodedContent([KeyValuePair.Create("name", tracked.Name)]),
            });
            if (create.StatusCode != HttpStatusCode.Created)
            {
                ghosts.Add($"{tracked.Name}: not listed after an unacknowledged create, and creating it again answers {(int)create.StatusCode} {await create.Content.ReadAsStringAsync()}");
            }
        }

        return ghosts;
    }

    private static async Task<(List<(string Uuid, string Name)> Live, List<(string Uuid, string Name)> Trashed)> ListAsync(HttpClient http)
    {
        using var workspaces = await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/workspaces/"));
        var personal = (await workspaces.ReadJsonAsync(HttpStatusCode.OK))["workspace_list"]!.AsArray().Single(w => w!["type"]!.GetValue<string>() == "personal")!;
        var live = personal["table_list"]!.AsArray().Select(t => (t!["uuid"]!.GetValue<string>(), t["name"]!.GetValue<string>())).ToList();
        using var trash = await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/trash-dtables/?per_page=1000"));
        var trashed = (await trash.ReadJsonAsync(HttpStatusCode.OK))["trash_dtable_list"]!.AsArray().Select(t => (t!["uuid"]!.GetValue<string>(), t["name"]!.GetValue<string>())).ToList();
        return (live, trashed);
    }

    private static async Task<HttpStatusCode> TokenListStatusAsync(HttpClient http, long workspaceId, string name)
    {
        using var response = await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v2.1/workspace/{workspaceId}/dtable/{Uri.EscapeDataString(name)}/api-tokens/"));
        return response.StatusCode;
    }

    /// <summary>A 503 (the cluster re-balancing) is retried after a pause, as a well-behaved client does.</summary>
    private static async Task<HttpResponseMessage> SendWithRetryAsync(HttpClient http, Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await http.SendAsync(message);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(1000);
        }
    }
}
