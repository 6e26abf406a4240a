using Microsoft.Extensions.DependencyInjection;

namespace SeaTable.Grains.Connections;

/// <summary>See <see cref="ISiloRoomsGrain"/>: answers from the silo-local rooms.</summary>
[KeySiloPlacement]
public sealed class SiloRoomsGrain(IServiceProvider services, ILocalSiloDetails silo) : Grain, ISiloRoomsGrain
{
    Task<SiloRoom> ISiloRoomsGrain.Room(Guid baseUuid)
    {
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            // Placed here because the named silo is gone: it holds no sockets any more.
            DeactivateOnIdle();
            return Task.FromResult(SiloRoom.Empty);
        }

        return Task.FromResult(services.GetService<ILocalBaseRooms>()?.Room(baseUuid) ?? SiloRoom.Empty);
    }

    Task<SiloLoad?> ISiloRoomsGrain.Load()
    {
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            DeactivateOnIdle();
            return Task.FromResult<SiloLoad?>(null);
        }

        var metrics = services.GetRequiredService<Common.SeaTableMetrics>();
        return Task.FromResult<SiloLoad?>(new SiloLoad(metrics.SocketsOpen, metrics.TasksRunningNow));
    }
}
