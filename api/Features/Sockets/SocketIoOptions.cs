namespace SeaTable.Api.Features.Sockets;

/// <summary>Socket timing (configuration section "SeaTable:Sockets").</summary>
public sealed class SocketIoOptions
{
    /// <summary>Engine.IO ping interval; a connection's lease is renewed on every ping.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a pong may take before the connection is considered dead.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a connection counts as connected without a renewal: the bound on how long a socket of a
    /// dead silo still shows as connected. Must exceed <see cref="PingInterval"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest message accepted from a client.</summary>
    public int MaxPayloadBytes { get; set; } = 1_000_000;
}
