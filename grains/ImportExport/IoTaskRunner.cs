using SeaTable.Grains.Common;
using Microsoft.Extensions.Options;

namespace SeaTable.Grains.ImportExport;

/// <summary>
/// The silo's slots for import and export work (a DI singleton): at most
/// <see cref="ImportExportOptions.MaxConcurrentTasks"/> tasks work at once, the rest wait, so a burst of
/// imports cannot take every core from the API.
/// </summary>
public sealed class IoTaskRunner(IOptions<ImportExportOptions> options, SeaTableMetrics metrics) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentTasks));

    /// <summary>Waits for a free slot; dispose the answer to give it back. Held slots are the tasks-running gauge.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        metrics.TaskStarted();
        return new Slot(_slots, metrics);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots, SeaTableMetrics metrics) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                metrics.TaskEnded();
                slots.Release();
            }
        }
    }
}
