using System.Globalization;
using Microsoft.Extensions.Options;

namespace SeaTable.Api.Infrastructure.Connections;

/// <summary>
/// The caps this process runs with, fixed at start: below what it can hold, so a flood of connections is
/// refused while everything already connected keeps working (a process that ran out of file descriptors or
/// memory took every base and client with it).
/// </summary>
public sealed class ConnectionLimits
{
    /// <summary>A budget per connection well above what an idle socket holds, for the buffers of busy ones.</summary>
    private const long BytesPerConnection = 64 * 1024;

    public ConnectionLimits(IOptions<ConnectionLimitOptions> options)
    {
        OpenFileLimit = ReadOpenFileLimit();
        // Kept for everything else: the database (SQLite keeps three files per pooled connection), Orleans, logs.
        var byFiles = OpenFileLimit is { } files ? files - Math.Max(1024, files / 5) : long.MaxValue;
        // Half the memory the GC may use (the container's limit when there is one) for connections.
        var byMemory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / BytesPerConnection;
        var derived = (int)Math.Clamp(Math.Min(byFiles, byMemory), 16, 1_000_000);
        MaxConnections = options.Value.MaxConnections > 0 ? options.Value.MaxConnections : derived;
        MaxSockets = options.Value.MaxSockets > 0
            ? options.Value.MaxSockets
            : Math.Max(8, MaxConnections - Math.Max(16, MaxConnections / 10));
    }

    /// <summary>The process's soft RLIMIT_NOFILE; null where /proc/self/limits does not say (not Linux).</summary>
    public long? OpenFileLimit { get; }

    public int MaxConnections { get; }

    public int MaxSockets { get; }

    private static long? ReadOpenFileLimit()
    {
        try
        {
            // "Max open files            1024                 524288               files"
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var fields = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 0 } && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
