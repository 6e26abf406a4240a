using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// Stops HTTP before the silo stops: registered after Orleans, it is stopped before it (the host stops its
/// services in reverse order), so on SIGTERM Kestrel first refuses new connections (a load balancer or a client
/// moves to another silo) and finishes the requests it accepted while their grains are still reachable; only
/// then does the silo hand its grains over and leave the cluster. Without it the silo left first and requests
/// still arriving here answered 503 for want of a cluster.
/// </summary>
internal sealed partial class HttpDrain(IServer server, ILogger<HttpDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // Kestrel's stop is idempotent: the web host's own stop later awaits the same drain.
        await server.StopAsync(cancellationToken);
        LogDrained(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP drained in {Milliseconds:F0} ms; stopping the silo")]
    private static partial void LogDrained(ILogger logger, double milliseconds);
}
