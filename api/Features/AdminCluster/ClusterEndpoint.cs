using Orleans.Runtime;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.AdminCluster;

/// <summary>
/// GET /api/v2.1/admin/cluster/ (beyond SeaTable; the admin console's cluster view): Orleans' membership, and
/// each member's open sockets and running tasks, asked of a grain placed on that silo. A silo that does not
/// answer within two seconds is listed without its load rather than holding up the page.
/// </summary>
public sealed class ClusterEndpoint : SeaTableEndpoint<EmptyRequest, ClusterResponse>
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(2);

    public override void Configure()
    {
        Get("/api/v2.1/admin/cluster");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "The cluster's silos with their open sockets and running tasks (system admin)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        var hosts = await Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var silos = await Task.WhenAll(hosts.Select(async host =>
        {
            var key = host.SiloAddress.ToParsableString();
            SiloLoad? load = null;
            try
            {
                load = await Grains.GetGrain<ISiloRoomsGrain>(key).Load().WaitAsync(LoadTimeout, ct);
            }
            catch (Exception error) when (error is TimeoutException or OrleansException)
            {
                // Listed without its load: the membership is the part that must show.
            }

            return new ClusterSilo(key, host.SiloName, host.Status.ToString(), IsoTime.Format(host.StartTime), load?.Sockets, load?.TasksRunning);
        }));
        var here = Resolve<ILocalSiloDetails>().SiloAddress.ToParsableString();
        await Send.OkAsync(new ClusterResponse(here, [.. silos.OrderBy(s => s.Name, StringComparer.Ordinal)]), ct);
    }
}
