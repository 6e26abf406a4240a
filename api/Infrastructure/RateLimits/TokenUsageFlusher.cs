using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Grains.ApiTokens;

namespace SeaTable.Api.Infrastructure.RateLimits;

/// <summary>Reports the usage recorded on this silo to the token grains on a timer, and once more at shutdown.</summary>
public sealed class TokenUsageFlusher(
    TokenUsageRecorder recorder,
    GrainReferences grains,
    IOptions<RateLimitOptions> options,
    ILogger<TokenUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(writeNow: false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // After HTTP drained and before the silo stops (hosted services stop in reverse order of registration), and
        // written through: the grains need not outlive this call for the counts to be kept.
        await FlushAsync(writeNow: true);
    }

    private async Task FlushAsync(bool writeNow)
    {
        foreach (var (tokenId, delta) in recorder.TakeAll())
        {
            try
            {
                var token = grains.GetGrain<IApiTokenGrain>(tokenId);
                await (writeNow ? token.RecordUsageNow(delta) : token.RecordUsage(delta));
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // Usage is statistics: a report lost to a failing silo is logged, never retried into a backlog.
                logger.LogWarning(error, "Could not report the usage of an API token");
            }
        }
    }
}
