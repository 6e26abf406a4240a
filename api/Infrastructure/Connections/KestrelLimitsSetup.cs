using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SeaTable.Api.Infrastructure.Connections;

/// <summary>Kestrel's own caps from <see cref="ConnectionLimits"/>: past them it closes new connections at once (counted as kestrel.rejected_connections).</summary>
public sealed partial class KestrelLimitsSetup(ConnectionLimits limits, ILogger<KestrelLimitsSetup> logger) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        LogCaps(limits.MaxConnections, limits.MaxSockets, limits.OpenFileLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
        options.Limits.MaxConcurrentConnections = limits.MaxConnections;
        // An upgraded connection is a WebSocket; the socket gate refuses a new one politely before this is reached.
        options.Limits.MaxConcurrentUpgradedConnections = limits.MaxSockets + Math.Max(16, limits.MaxSockets / 10);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection caps: {MaxConnections} HTTP connections, {MaxSockets} sockets (open-file limit {OpenFileLimit})")]
    private partial void LogCaps(int maxConnections, int maxSockets, string openFileLimit);
}
