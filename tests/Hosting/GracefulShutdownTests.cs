using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using SeaTable.Tests.Api;
using SeaTable.Tests.ApiTokens;
using SeaTable.Tests.Infrastructure;
using static SeaTable.Tests.ApiTokens.ApiTokenCalls;

namespace SeaTable.Tests.Hosting;

/// <summary>A stop (SIGTERM, host shutdown) loses nothing kept in memory and closes sockets properly.</summary>
public sealed class GracefulShutdownTests
{
    // Timers that never fire during the test: only the shutdown path can write what is pending.
    private static readonly Dictionary<string, string?> NoTimedFlush = new()
    {
        ["SeaTable:ApiTokens:LastAccessFlushInterval"] = "01:00:00",
        ["SeaTable:RateLimits:UsageFlushInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Pending_last_access_and_usage_are_written_on_shutdown()
    {
        var dataDir = TestFolders.NewTempFolder("shutdown");
        try
        {
            long workspaceId;
            string baseName = ApiCalls.NewBaseName("shutdown"), generatedAt;
            await using (var first = new SeaTableAppFactory(dataDir, NoTimedFlush) { KeepDataDir = true })
            {
                using var admin = first.CreateClient(await first.LoginAdminAsync());
                await admin.CreateBaseAsync(baseName);
                workspaceId = await admin.WorkspaceIdAsync();
                var token = await admin.CreateTokenAsync(workspaceId, baseName, "shutdown-app");
                generatedAt = token.Str("generated_at");
                await Task.Delay(1100); // last_access has seconds precision
                using var app = first.CreateClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, AppAccessToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", token.Str("api_token"));
                using var exchanged = await app.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
            }

            await using var second = new SeaTableAppFactory(dataDir, NoTimedFlush);
            using var adminAfter = second.CreateClient(await second.LoginAdminAsync());
            var listed = (await adminAfter.ListTokensAsync(workspaceId, baseName)).Single();
            Assert.True(listed.Time("last_access") > DateTimeOffset.Parse(generatedAt, System.Globalization.CultureInfo.InvariantCulture),
                $"last_access {listed.Str("last_access")} was not written at shutdown (generated {generatedAt})");
            Assert.Equal(1, listed["usage"].Long("jwts_issued"));
            Assert.Equal(1, listed["usage"]!["requests"].Long("access_token"));
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }

    [Fact]
    public async Task Sockets_get_a_close_frame_when_the_server_stops()
    {
        var factory = new SeaTableAppFactory();
        var client = factory.Server.CreateWebSocketClient();
        using var socket = await client.ConnectAsync(new Uri(factory.Server.BaseAddress, "/socket.io/?EIO=4&transport=websocket"), CancellationToken.None);
        var buffer = new byte[4096];
        var open = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.StartsWith("0{", Encoding.UTF8.GetString(buffer, 0, open.Count), StringComparison.Ordinal);

        var stopping = factory.DisposeAsync().AsTask();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
        }
        while (received.MessageType != WebSocketMessageType.Close);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, received.CloseStatus);
        await stopping;
    }
}
