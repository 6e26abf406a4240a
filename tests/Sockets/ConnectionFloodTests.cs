using System.Net;
using System.Text.Json.Nodes;
using SeaTable.Tests.Api;
using SeaTable.Tests.Infrastructure;
using SeaTable.Tests.Rows;

namespace SeaTable.Tests.Sockets;

/// <summary>A server of its own whose socket cap is lowered to <see cref="MaxSockets"/> (setting SeaTable:Connections:MaxSockets).</summary>
public sealed class FloodServer : ServerFixture
{
    public const int MaxSockets = 4;

    public override string Storage => "SQLite";

    public override SeaTableAppFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["SeaTable:Connections:MaxSockets"] = MaxSockets.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public override Task InitializeAsync()
    {
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    protected override async Task StopAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// A flood of connections (issue 16): past the cap new sessions are refused with 503, on both transports, while
/// the process goes on answering and the sockets already connected keep receiving their base's events; the
/// refusals show in /metrics, and a place freed is taken again.
/// </summary>
public sealed class ConnectionFloodTests(FloodServer server, ClassUsers users) : ApiTests(server), IClassFixture<FloodServer>, IClassFixture<ClassUsers>
{
    private const int Extra = 6;

    [SkippableFact]
    public async Task Sessions_past_the_cap_are_refused_while_the_process_and_the_open_sockets_keep_working()
    {
        var factory = Server.Factory;
        var owner = await users.GetAsync(Server, "flood");
        var b = await owner.NewBaseAsync("flood");
        var open = new List<SocketIoTestClient>();
        try
        {
            for (var i = 0; i < FloodServer.MaxSockets; i++)
            {
                open.Add(await factory.JoinRoomAsync(b));
            }

            // Past the cap: WebSocket handshakes and polling handshakes are refused, nothing is opened.
            using var http = factory.CreateClient();
            for (var i = 0; i < Extra; i++)
            {
                var refused = await Assert.ThrowsAnyAsync<Exception>(() => SocketIoTestClient.ConnectAsync(factory, b.Uuid));
                Assert.Contains("503", refused.Message, StringComparison.Ordinal);
                using var polled = await http.GetAsync(PollingTestClient.HandshakeUrl(dtableUuid: b.Uuid));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, polled.StatusCode);
                Assert.Equal("""{"code":3,"message":"Server at its connection limit"}""", await polled.Content.ReadAsStringAsync());
            }

            // The process answers, and every socket already connected gets the base's changes.
            using var ping = await http.GetAsync("/api2/ping/");
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            using var client = factory.BaseClient(b.Jwt);
            var id = (await client.AppendRowAsync(b, new JsonObject { ["Name"] = "still here" })).Str("_id");
            foreach (var socket in open)
            {
                var appended = await socket.NextOperationAsync();
                Assert.Equal("append_rows", appended.Str("op_type"));
                Assert.Equal(id, Assert.Single(appended["row_datas"]!.AsArray())!.Str("_id"));
            }

            using var metrics = await http.GetAsync("/metrics");
            var text = await metrics.Content.ReadAsStringAsync();
            var refusals = text.Split('\n')
                .Where(l => l.StartsWith("seatable_connections_refused", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(refusals >= 2 * Extra, $"{refusals} refusals in /metrics:\n{string.Join("\n", text.Split('\n').Where(l => l.Contains("connections_refused", StringComparison.Ordinal)))}");

            // A place freed is taken again.
            await open[0].CloseAsync();
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                try
                {
                    open.Add(await factory.JoinRoomAsync(b));
                    break;
                }
                catch (Exception e) when (e.Message.Contains("503", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }
}
