namespace SeaTable.Grains.Connections;

public sealed class BaseConnectionsGrain(TimeProvider clock) : Grain, IBaseConnectionsGrain
{
    private readonly Dictionary<string, (string AppName, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);

    Task IBaseConnectionsGrain.Hold(string connectionId, string appName, DateTimeOffset expiresAt)
    {
        _leases[connectionId] = (appName, expiresAt);
        Prune();
        return Task.CompletedTask;
    }

    Task IBaseConnectionsGrain.Release(string connectionId)
    {
        _leases.Remove(connectionId);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<string>> IBaseConnectionsGrain.GetConnectedApps()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<string>>(
            [.. _leases.Values.Where(l => l.ExpiresAt > now).Select(l => l.AppName).Distinct(StringComparer.Ordinal)]);
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _leases.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList())
        {
            _leases.Remove(expired);
        }
    }
}
