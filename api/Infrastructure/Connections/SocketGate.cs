using Microsoft.Extensions.Hosting;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Infrastructure.Connections;

/// <summary>
/// Counts this process's Socket.IO sessions against <see cref="ConnectionLimits.MaxSockets"/>, and opens none
/// once the host is stopping (its sockets are being closed; a client sent elsewhere reconnects for good); a
/// refusal is counted in /metrics.
/// </summary>
public sealed class SocketGate(ConnectionLimits limits, SeaTableMetrics metrics, IHostApplicationLifetime lifetime)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>True once the host began to stop: a refusal then says so rather than "at its limit".</summary>
    public bool IsStopping => lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>True (and one more session counted) when there is room and the host is not stopping; false, and a refusal counted, otherwise.</summary>
    public bool TryEnter(string transport)
    {
        if (!IsStopping)
        {
            if (Interlocked.Increment(ref _open) <= limits.MaxSockets)
            {
                return true;
            }

            Interlocked.Decrement(ref _open);
        }

        metrics.ConnectionsRefused.Add(1, new KeyValuePair<string, object?>("transport", transport));
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _open);
}
