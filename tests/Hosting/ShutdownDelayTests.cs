using System.Diagnostics;
using System.Net;
using SeaTable.Tests.Infrastructure;

namespace SeaTable.Tests.Hosting;

/// <summary>
/// A silo told to stop (SIGTERM) first leaves its load balancer's rotation while it still serves
/// (SeaTable:Shutdown:Delay): /readyz answers 503 at once, requests still get their answers, each closing its
/// connection so the client's next request opens a new one (which the balancer gives to another silo), and new
/// sockets are refused with 503; only after the delay does it stop accepting connections and exit.
/// </summary>
public sealed class ShutdownDelayTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_stopping_silo_reports_not_ready_and_closes_connections_while_it_still_answers()
    {
        var dataDir = TestFolders.NewTempFolder("shutdown-delay");
        try
        {
            await using var silo = SiloProcess.Start("delay", new Dictionary<string, string>
            {
                ["SeaTable__DataDir"] = dataDir,
                ["SeaTable__Shutdown__Delay"] = "00:00:04",
            });
            await silo.WaitUntilReadyAsync();
            using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using (var before = await client.GetAsync("/api2/ping/"))
            {
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
                Assert.NotEqual(true, before.Headers.ConnectionClose);
            }

            var signalled = Stopwatch.StartNew();
            await silo.SendTerminateAsync();
            var readiness = await WaitForNotReadyAsync(client, TimeSpan.FromSeconds(3));
            Assert.Contains("stopping", readiness, StringComparison.Ordinal);

            // Still served, on a kept connection and on a new one, each answer closing its connection.
            using (var kept = await client.GetAsync("/api2/ping/"))
            {
                Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
                Assert.Equal("\"pong\"", await kept.Content.ReadAsStringAsync());
                Assert.True(kept.Headers.ConnectionClose, "a response during the shutdown delay must close its connection");
            }

            using (var fresh = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(10) })
            using (var answered = await fresh.GetAsync("/api/v2.1/"))
            {
                Assert.True(answered.Headers.ConnectionClose);
                Assert.True((int)answered.StatusCode < 500, $"{answered.StatusCode} during the shutdown delay");
            }

            // A new socket is refused (its sockets are being closed), so a balancer tries the next silo.
            using (var socket = await client.GetAsync("/socket.io/?EIO=4&transport=polling"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, socket.StatusCode);
                Assert.Equal("{\"code\":3,\"message\":\"Server is stopping\"}", await socket.Content.ReadAsStringAsync());
            }

            Assert.False(silo.HasExited, "the silo stopped before its shutdown delay was over");
            Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(signalled.Elapsed >= Delay, $"exited {signalled.Elapsed.TotalSeconds:F1} s after SIGTERM, before the {Delay.TotalSeconds} s delay");
            Assert.Contains("Stopping: not ready, serving for 4.0 s more", silo.Output.All(), StringComparison.Ordinal);
        }
        finally
        {
            TestFolders.TryDelete(dataDir);
        }
    }

    private static async Task<string> WaitForNotReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await client.GetAsync("/readyz");
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return await ready.Content.ReadAsStringAsync();
            }

            Assert.True(until.Elapsed < timeout, $"/readyz still answered {ready.StatusCode} {until.Elapsed.TotalSeconds:F1} s after SIGTERM");
            await Task.Delay(50);
        }
    }
}
