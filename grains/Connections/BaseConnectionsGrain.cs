using Microsoft.Extensions.Logging;

namespace SeaTable.Grains.Connections;

/// <summary>See <see cref="IBaseConnectionsGrain"/>.</summary>
public sealed partial class BaseConnectionsGrain(TimeProvider clock, IClusterMembershipService membership, ILogger<BaseConnectionsGrain> logger)
    : Grain, IBaseConnectionsGrain
{
    private const string UpdateEvent = "update-dtable";

    /// <summary>How long an activation waits for a silo's sockets; a silo that does not answer re-registers on its next renewal.</summary>
    private static readonly TimeSpan SiloAnswerBound = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <summary>
    /// Kept in memory only, the leases are gone after a move or a silo's death: asks every live silo for its
    /// sockets in the base before answering anything, so a socket that stayed open never shows as disconnected.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .ToList();
        var rooms = await Task.WhenAll(silos.Select(s => RoomOfAsync(s, cancellationToken)));
        var now = clock.GetUtcNow();
        foreach (var room in rooms)
        {
            foreach (var lease in room.Leases.Where(l => l.ExpiresAt > now))
            {
                _leases.TryAdd(lease.ConnectionId, new Lease(lease.AppName, lease.ExpiresAt, room.Observer));
            }
        }
    }

    private async Task<SiloRoom> RoomOfAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            return await GrainFactory.GetGrain<ISiloRoomsGrain>(silo.ToParsableString()).Room(this.GetPrimaryKey())
                .WaitAsync(SiloAnswerBound, clock, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSiloRoomFailed(e, silo, this.GetPrimaryKey());
            return SiloRoom.Empty;
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} did not tell base {Uuid}'s connections its sockets; they count again at their next renewal")]
    private partial void LogSiloRoomFailed(Exception exception, SiloAddress silo, Guid uuid);

    private sealed record Lease(string AppName, DateTimeOffset ExpiresAt, IBaseEventsObserver? Observer);
}
