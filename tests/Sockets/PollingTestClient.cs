using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// A minimal Engine.IO 4 client on the HTTP long-polling transport, as python-socketio and socket.io-client
/// speak it: the handshake GET, one pending GET at a time (packets separated by 0x1E), POSTs for the
/// client's packets, pongs to the server's pings. Polling can be stopped and resumed to play a client that
/// goes quiet.
/// </summary>
public sealed class PollingTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly string _url;
    private readonly PacketInbox _packets = new();
    private readonly List<int> _payloadSizes = [];
    private CancellationTokenSource _polling = new();
    private Task _pollLoop = Task.CompletedTask;
    private int _pingsReceived;
    private long _lastAckId;

    private PollingTestClient(HttpClient http, string url, JsonObject open)
    {
        _http = http;
        _url = url;
        Open = open;
    }

    public JsonObject Open { get; }

    public string Sid => Open["sid"]!.GetValue<string>();

    /// <summary>The session's URL with its sid (no timestamp).</summary>
    public string Url => _url;

    public bool AnswerPings { get; set; } = true;

    public int PingsReceived => Volatile.Read(ref _pingsReceived);

    /// <summary>The packet counts of the poll answers so far.</summary>
    public IReadOnlyList<int> PayloadSizes
    {
        get
        {
            lock (_payloadSizes)
            {
                return [.. _payloadSizes];
            }
        }
    }

    /// <summary>Set when a poll answered with something else than 200, or with the close packet "1".</summary>
    public string? Ended { get; private set; }

    public static string HandshakeUrl(string path = "/socket.io/", string? dtableUuid = null) =>
        $"{path}?EIO=4&transport=polling&t={DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)}" + (dtableUuid is null ? "" : "&dtable_uuid=" + dtableUuid);

    /// <summary>The handshake GET; polling starts at once unless <paramref name="poll"/> is false.</summary>
    public static async Task<PollingTestClient> ConnectAsync(HttpClient http, string? dtableUuid = null, string path = "/socket.io/", bool poll = true)
    {
        using var response = await http.GetAsync(HandshakeUrl(path, dtableUuid));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"handshake: {(int)response.StatusCode} {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("0{", text, StringComparison.Ordinal);
        var open = JsonNode.Parse(text[1..])!.AsObject();
        var client = new PollingTestClient(http, $"{path}?EIO=4&transport=polling&sid={Uri.EscapeDataString(open["sid"]!.GetValue<string>())}"
            + (dtableUuid is null ? "" : "&dtable_uuid=" + dtableUuid), open);
        if (poll)
        {
            client.StartPolling();
        }

        return client;
    }

    public void StartPolling()
    {
        _polling = new CancellationTokenSource();
        var token = _polling.Token;
        _pollLoop = Task.Run(() => PollLoopAsync(token));
    }

    /// <summary>Stops polling (the pending GET is abandoned) and waits for the loop to end.</summary>
    public async Task StopPollingAsync()
    {
        await _polling.CancelAsync();
        await _pollLoop;
    }

    /// <summary>One GET as is: status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetRawAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(_url + "&t=" + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>One POST of packets (joined with 0x1E) as is: status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostRawAsync(params string[] packets)
    {
        using var content = new StringContent(string.Join('\x1e', packets), Encoding.UTF8, "text/plain");
        using var response = await _http.PostAsync(_url, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs packets and expects engine.io's "ok".</summary>
    public async Task SendAsync(params string[] packets)
    {
        var (status, body) = await PostRawAsync(packets);
        Assert.True(status == HttpStatusCode.OK && body == "ok", $"POST: {(int)status} {body}");
    }

    public async Task<JsonObject> ConnectNamespaceAsync()
    {
        await SendAsync("40");
        var reply = await NextAsync(p => p.StartsWith("40", StringComparison.Ordinal));
        return JsonNode.Parse(reply[2..])!.AsObject();
    }

    public async Task<JsonObject> JoinRoomAsync(string? dtableUuid, string? jwt)
    {
        var id = Interlocked.Increment(ref _lastAckId).ToString(CultureInfo.InvariantCulture);
        await SendAsync("42" + id + new JsonArray { "join-room", dtableUuid, jwt }.ToJsonString());
        var prefix = "43" + id + "[";
        var reply = await NextAsync(p => p.StartsWith(prefix, StringComparison.Ordinal));
        return Assert.Single(JsonNode.Parse(reply[(prefix.Length - 1)..])!.AsArray())!.AsObject();
    }

    /// <summary>The next packet (pings excluded) that matches; fails when polling ends or the time runs out first.</summary>
    public Task<string> NextAsync(Func<string, bool> match, TimeSpan? timeout = null) =>
        _packets.NextAsync(match, timeout ?? DefaultTimeout, "Polling ended", Describe);

    public string Describe()
    {
        return $"ended: {Ended ?? "no"}, pings {PingsReceived}, other packets: [{string.Join(", ", _packets.Skipped)}]";
    }

    public async ValueTask DisposeAsync()
    {
        if (Ended is null)
        {
            try
            {
                await PostRawAsync("1");
            }
            catch (HttpRequestException)
            {
            }
        }

        await StopPollingAsync();
        _packets.Complete();
    }

    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (status, body) = await GetRawAsync(cancellationToken);
                if (status != HttpStatusCode.OK)
                {
                    Ended = $"{(int)status} {body}";
                    return;
                }

                var packets = body.Split('\x1e');
                lock (_payloadSizes)
                {
                    _payloadSizes.Add(packets.Length);
                }

                foreach (var packet in packets)
                {
                    if (packet == "1")
                    {
                        Ended = "close packet";
                        return;
                    }

                    if (packet == "6")
                    {
                        continue;
                    }

                    if (packet.StartsWith('2'))
                    {
                        Interlocked.Increment(ref _pingsReceived);
                        if (AnswerPings)
                        {
                            var (pongStatus, pongBody) = await PostRawAsync("3" + packet[1..]);
                            if (pongStatus != HttpStatusCode.OK)
                            {
                                Ended = $"{(int)pongStatus} {pongBody} (pong)";
                                return;
                            }
                        }

                        continue;
                    }

                    await _packets.AddAsync(packet);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped on purpose.
        }
        catch (HttpRequestException e)
        {
            Ended = "connection failed: " + e.Message;
        }
        finally
        {
            if (Ended is not null)
            {
                _packets.Complete();
            }
        }
    }
}
