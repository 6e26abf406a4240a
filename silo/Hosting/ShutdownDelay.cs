using Microsoft.Extensions.Options;

namespace SeaTable.Silo.Hosting;

/// <summary>
/// The first step of a stop (<see cref="ShutdownOptions.Delay"/>): the host's stopping phase runs before any
/// hosted service stops, Kestrel included, so the silo still accepts connections and answers while it tells its
/// load balancer it is leaving (readiness 503, <see cref="ConnectionCloseWhileStopping"/>, new sockets refused).
/// After it the host stops its services in reverse order of registration: Kestrel first (the framework registers
/// it last), which refuses new connections and finishes the requests it accepted while their grains are still
/// reachable, then the API's services (the final usage report counts the drained requests), then the silo, which
/// hands its grains over and leaves the cluster.
/// </summary>
internal sealed partial class ShutdownDelay(
    IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<ShutdownDelay> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.Delay ?? TimeSpan.Zero;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // SIGTERM signals ApplicationStopping before the host stops; a stop called directly (IHost.StopAsync) signals
        // it only after this phase. Signalled now either way: readiness and the middleware read it.
        lifetime.StopApplication();
        LogLeaving(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's stop timeout ran out: stop now with what is left.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready, serving for {Seconds:F1} s more while the load balancer moves traffic away")]
    private static partial void LogLeaving(ILogger logger, double seconds);
}
