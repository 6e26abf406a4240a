using SeaTable.Grains.Settings;

namespace SeaTable.Silo.Hosting;

/// <summary>How a stopping silo hands its traffic over (configuration section "SeaTable:Shutdown").</summary>
public sealed class ShutdownOptions
{
    public const string Section = "SeaTable:Shutdown";

    /// <summary>The default of a PostgreSQL silo, which has a load balancer in front of it and peers to take its traffic.</summary>
    public static readonly TimeSpan ClusterDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On SIGTERM, how long the silo goes on answering, with /readyz at 503 and every response closing its
    /// connection, before Kestrel stops accepting connections and drains. A load balancer needs that long to see
    /// the silo leave (Kubernetes takes the pod out of its endpoints while it already stops; a probe sees the 503)
    /// and its clients to drop their kept-alive connections: a request written into a connection at the instant the
    /// silo closes it is lost without an answer, and the client cannot tell whether it ran. Unset: 5 s on
    /// PostgreSQL, none on SQLite (one process, nobody to hand over to); counts against the host's 30 s stop.
    /// </summary>
    [Duration(Minimum = "00:00:00")]
    public TimeSpan? Delay { get; set; }
}
