namespace SeaTable.Grains.Connections;

public sealed class BaseConnectionsGrain(TimeProvider clock) : Grain, IBaseConnectionsGrain
{
    private const string UpdateEvent = "update-dtable";
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    Task IBaseConnectionsGrain.Hold(string connectionId, string appName, DateTimeOffset expiresAt, IBaseEventsObserver? observer)
    {
        _leases[connectionId] = new Lease(appName, expiresAt, observer);
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

    Task IBaseConnectionsGrain.Publish(IReadOnlyList<string> operations, long version)
    {
        Prune();
        // One message per silo, however many of its sockets joined: the silo fans out locally.
        foreach (var observer in _leases.Values.Select(l => l.Observer).OfType<IBaseEventsObserver>().Distinct())
        {
            observer.OnBaseEvents(this.GetPrimaryKey(), UpdateEvent, operations, version).Ignore();
        }

        return Task.CompletedTask;
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _leases.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList())
        {
            _leases.Remove(expired);
        }
    }

    private sealed record Lease(string AppName, DateTimeOffset ExpiresAt, IBaseEventsObserver? Observer);
}
