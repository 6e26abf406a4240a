using SeaTable.Grains.Settings;

namespace SeaTable.Api.Infrastructure.Connections;

/// <summary>How many connections this process accepts (configuration section "SeaTable:Connections"); 0 derives the cap at start.</summary>
public sealed class ConnectionLimitOptions
{
    public const string Section = "SeaTable:Connections";

    /// <summary>HTTP connections at once (Kestrel's MaxConcurrentConnections); 0: from the open-file limit and memory.</summary>
    [AtLeast(0)]
    public int MaxConnections { get; set; }

    /// <summary>Socket.IO sessions at once, WebSocket and polling; 0: from <see cref="MaxConnections"/>, leaving room for plain requests.</summary>
    [AtLeast(0)]
    public int MaxSockets { get; set; }
}
