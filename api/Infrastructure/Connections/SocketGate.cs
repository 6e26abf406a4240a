using SeaTable.Grains.Common;

namespace SeaTable.Api.Infrastructure.Connections;

/// <summary>Counts this process's Socket.IO sessions against <see cref="ConnectionLimits.MaxSockets"/>; a refusal is counted in /metrics.</summary>
public sealed class SocketGate(ConnectionLimits limits, SeaTableMetrics metrics)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>True (and one more session counted) when there is room; false, and a refusal counted, at the cap.</summary>
    public bool TryEnter(string transport)
    {
        if (Interlocked.Increment(ref _open) <= limits.MaxSockets)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        metrics.ConnectionsRefused.Add(1, new KeyValuePair<string, object?>("transport", transport));
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _open);
}
