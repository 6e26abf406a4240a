using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Cluster;

/// <summary>What became of one request of the load.</summary>
public enum RequestOutcome
{
    /// <summary>The expected 2xx: the change is acknowledged.</summary>
    Acknowledged,
    /// <summary>A live silo answered with an error or timed out: the change may or may not have happened.</summary>
    Failed,
    /// <summary>The connection was refused (dead silo): the request never ran and went to another silo.</summary>
    Refused,
}

public sealed record RequestRecord(DateTimeOffset At, string Silo, string Operation, RequestOutcome Outcome, int? Status, string? Error = null);

/// <summary>
/// An HTTP client over every silo of a cluster, as a load balancer would be: requests go round-robin; a silo
/// that refuses connections is taken out of rotation and the request goes to the next (nginx's passive health).
/// With <paramref name="probeReadiness"/> it also probes each silo's /readyz, as Kubernetes does, and sends
/// nothing to a silo that answers otherwise than 200 (a stopping one) until it is ready again.
/// Only a refused connection is retried, since only then is it certain the request never ran.
/// </summary>
public sealed class ClusterClient : IDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(40) };
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ConcurrentDictionary<string, bool> _down = new();
    private readonly ConcurrentDictionary<string, bool> _notReady = new();
    private readonly CancellationTokenSource _stopProbing = new();
    private readonly Task _probing = Task.CompletedTask;
    private SiloProcess[] _silos;
    private int _next;

    public ClusterClient(IReadOnlyList<SiloProcess> silos, bool probeReadiness = false)
    {
        _silos = [.. silos];
        if (probeReadiness)
        {
            _probing = Task.Run(() => ProbeAsync(_stopProbing.Token));
        }
    }

    public ConcurrentQueue<RequestRecord> Records { get; } = new();

    /// <summary>The balancer's pool changed: a restarted silo (on new ports) joins the rotation.</summary>
    public void UseSilos(IEnumerable<SiloProcess> pool) => Volatile.Write(ref _silos, [.. pool]);

    public async Task<(int? Status, JsonNode? Body)> SendAsync(
        string operation, Func<HttpRequestMessage> request, string token, HttpStatusCode expected, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < Volatile.Read(ref _silos).Length + 1; attempt++)
        {
            var silo = PickSilo();
            using var message = request();
            message.RequestUri = new Uri(silo.BaseAddress, message.RequestUri!.ToString());
            message.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
            try
            {
                using var response = await _http.SendAsync(message, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var outcome = response.StatusCode == expected ? RequestOutcome.Acknowledged : RequestOutcome.Failed;
                Records.Enqueue(new RequestRecord(DateTimeOffset.UtcNow, silo.Name, operation, outcome, (int)response.StatusCode));
                return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                _down[silo.Name] = true;
                Records.Enqueue(new RequestRecord(DateTimeOffset.UtcNow, silo.Name, operation, RequestOutcome.Refused, null));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                Records.Enqueue(new RequestRecord(DateTimeOffset.UtcNow, silo.Name, operation, RequestOutcome.Failed, null, e.GetType().Name + ": " + e.Message));
                return (null, null);
            }
        }

        return (null, null);
    }

    public void Dispose()
    {
        _stopProbing.Cancel();
        _probing.Wait(TimeSpan.FromSeconds(10));
        _stopProbing.Dispose();
        _probe.Dispose();
        _http.Dispose();
    }

    private async Task ProbeAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ProbeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var silo in Volatile.Read(ref _silos))
                {
                    bool ready;
                    try
                    {
                        using var response = await _probe.GetAsync(new Uri(silo.BaseAddress, "/readyz"), stop);
                        ready = response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                    {
                        ready = false;
                    }

                    if (ready)
                    {
                        _notReady.TryRemove(silo.Name, out _);
                    }
                    else
                    {
                        _notReady[silo.Name] = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private SiloProcess PickSilo()
    {
        var pool = Volatile.Read(ref _silos);
        for (var i = 0; i < pool.Length; i++)
        {
            var silo = pool[(int)((uint)Interlocked.Increment(ref _next) % (uint)pool.Length)];
            if (!_down.ContainsKey(silo.Name) && !_notReady.ContainsKey(silo.Name))
            {
                return silo;
            }
        }

        return pool[0];
    }
}

/// <summary>A base of the load and the state its last acknowledged change left it in.</summary>
public sealed class TrackedBase(string name)
{
    public string Name { get; } = name;
    public string? Uuid { get; set; }
    public long Id { get; set; }
    /// <summary>The live name the last acknowledged change gave it; null when that change trashed it.</summary>
    public string? ExpectedLiveName { get; set; }
    public bool ExpectedTrashed { get; set; }
    /// <summary>A change failed: its outcome is unknown (Orleans calls are at-most-once), so no expectation.</summary>
    public bool Uncertain { get; set; }
    /// <summary>The API token created for the base, once acknowledged (its exchange for a JWT worked too).</summary>
    public string? ApiToken { get; set; }

    /// <summary>The base token the exchange returned, used for the row writes.</summary>
    public string? Jwt { get; set; }

    /// <summary>Rows whose append was acknowledged: each must be there whenever the base is live.</summary>
    public List<string> Rows { get; } = [];

    /// <summary>A retried create was told "already exists": the base must then be listed and usable.</summary>
    public bool ClaimedByRetry { get; set; }

    /// <summary>The create was never acknowledged: after the run the name must be free or the base whole.</summary>
    public bool CreateUnacknowledged { get; set; }

    /// <summary>Requests of this base that were sent again after an unknown outcome.</summary>
    public int Retries { get; set; }
}

/// <summary>
/// One user's stream of changes: each base is created, gets an API token, rows appended with its base token
/// (one, then a batch), is renamed, moved to the trash and restored; after a failed change the base is left
/// alone (its state is unknown) and the next base begins. A retrying worker is a careful client instead: a
/// request whose outcome is unknown (a 5xx, a timeout, a reset connection) is sent again, the same request, with
/// the same Idempotency-Key for row appends, until it is answered.
/// </summary>
public sealed class LoadWorker(string token, long workspaceId, string prefix, ClusterClient client, bool retryUnknownOutcomes = false)
{
    private const int MaxRetries = 30;
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    public List<TrackedBase> Bases { get; } = [];

    public long WorkspaceId => workspaceId;

    public string Token => token;

    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var tracked = new TrackedBase($"{prefix}-{n}");
            Bases.Add(tracked);
            _ = await Step(tracked, "create", () => Form(HttpMethod.Post, "/api/v2.1/dtables/", ("name", tracked.Name)), HttpStatusCode.Created, body =>
                {
                    tracked.Uuid = body!["table"]!["uuid"]!.GetValue<string>();
                    tracked.Id = body["table"]!["id"]!.GetValue<long>();
                    tracked.ExpectedLiveName = tracked.Name;
                }, onClaimed: () => tracked.ClaimedByRetry = true)
                && await Step(tracked, "create-token", () => Form(HttpMethod.Post, $"/api/v2.1/workspace/{workspaceId}/dtable/{tracked.Name}/api-tokens/", ("app_name", "load"), ("permission", "rw")), HttpStatusCode.Created,
                    body => tracked.ApiToken = body!["api_token"]!.GetValue<string>())
                && await Step(tracked, "app-access-token", () => new HttpRequestMessage(HttpMethod.Get, "/api/v2.1/dtable/app-access-token/"), HttpStatusCode.OK, body =>
                {
                    if (body!["dtable_uuid"]!.GetValue<string>() != tracked.Uuid)
                    {
                        throw new InvalidOperationException($"{tracked.Name}: its API token was exchanged for another base's JWT.");
                    }

                    tracked.Jwt = body["access_token"]!.GetValue<string>();
                }, tracked.ApiToken)
                && await Step(tracked, "append-row", Keyed(() => Json(HttpMethod.Post, $"/dtable-server/api/v1/dtables/{tracked.Uuid}/rows/",
                        new { table_name = "Table1", row = new Dictionary<string, string> { ["Name"] = $"{tracked.Name} single" } })), HttpStatusCode.OK,
                    body => tracked.Rows.Add(body!["_id"]!.GetValue<string>()), tracked.Jwt)
                && await Step(tracked, "append-rows", Keyed(() => Json(HttpMethod.Post, $"/api-gateway/api/v2/dtables/{tracked.Uuid}/rows/",
                        new { table_name = "Table1", rows = Enumerable.Range(0, 5).Select(i => new Dictionary<string, string> { ["Name"] = $"{tracked.Name} batch {i}" }) })), HttpStatusCode.OK,
                    body => tracked.Rows.AddRange(body!["row_ids"]!.AsArray().Select(r => r!["_id"]!.GetValue<string>())), tracked.Jwt)
                && await Step(tracked, "rename", () => Form(HttpMethod.Put, $"/api/v2.1/workspace/{workspaceId}/dtable/", ("old_name", tracked.Name), ("new_name", tracked.Name + "-r")), HttpStatusCode.OK,
                    _ => tracked.ExpectedLiveName = tracked.Name + "-r")
                && await Step(tracked, "delete", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v2.1/workspace/{workspaceId}/dtable/") { Content = JsonContent.Create(new { name = tracked.Name + "-r" }) }, HttpStatusCode.OK, _ =>
                {
                    tracked.ExpectedLiveName = null;
                    tracked.ExpectedTrashed = true;
                })
                && await Step(tracked, "restore", () => new HttpRequestMessage(HttpMethod.Put, $"/api/v2.1/trash-dtables/{tracked.Id}/"), HttpStatusCode.OK, _ =>
                {
                    tracked.ExpectedLiveName = tracked.Name + "-r";
                    tracked.ExpectedTrashed = false;
                });
        }
    }

    private async Task<bool> Step(TrackedBase tracked, string operation, Func<HttpRequestMessage> request, HttpStatusCode expected,
        Action<JsonNode?> onAcknowledged, string? asToken = null, Action? onClaimed = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (status, body) = await client.SendAsync(operation, request, asToken ?? token, expected);
            if (status == (int)expected)
            {
                onAcknowledged(body);
                return true;
            }

            if (attempt > 0 && status == (int)HttpStatusCode.BadRequest && onClaimed is not null
                && body?["error_msg"]?.GetValue<string>()?.Contains("already exists", StringComparison.Ordinal) == true)
            {
                onClaimed();
            }

            var unknown = status is null or >= 500;
            if (!retryUnknownOutcomes || !unknown || attempt == MaxRetries)
            {
                if (operation == "create")
                {
                    tracked.CreateUnacknowledged = true;
                }

                tracked.Uncertain = true;
                return false;
            }

            tracked.Retries++;
            await Task.Delay(RetryPause);
        }
    }

    /// <summary>The same Idempotency-Key on every send of one row write, so a repeat never writes twice.</summary>
    private static Func<HttpRequestMessage> Keyed(Func<HttpRequestMessage> request)
    {
        var key = Guid.NewGuid().ToString("N");
        return () =>
        {
            var message = request();
            message.Headers.Add("Idempotency-Key", key);
            return message;
        };
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Form(HttpMethod method, string path, params (string Key, string Value)[] fields) =>
        new(method, path) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) };
}
