using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SeaTable.Api.Infrastructure.Connections;

/// <summary>Kestrel's own caps from <see cref="ConnectionLimits"/>: past them it closes new connections at once (counted as kestrel.rejected_connections).</summary>
public sealed class KestrelLimitsSetup(ConnectionLimits limits) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MaxConcurrentConnections = limits.MaxConnections;
        // An upgraded connection is a WebSocket; the socket gate refuses a new one politely before this is reached.
        options.Limits.MaxConcurrentUpgradedConnections = limits.MaxSockets + Math.Max(16, limits.MaxSockets / 10);
    }
}
