using System.Diagnostics.Metrics;

namespace SeaTable.Grains.Common;

/// <summary>
/// The project's own instruments (meter "SeaTable"), exported with ASP.NET Core's, Orleans' and the runtime's
/// on /metrics. Created through IMeterFactory, so each host (and each test host) has its own.
/// </summary>
public sealed class SeaTableMetrics
{
    public const string MeterName = "SeaTable";

    public SeaTableMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        TokensExchanged = meter.CreateCounter<long>("seatable.tokens.exchanged", "{token}", "API tokens exchanged for a base JWT (app-access-token).");
        TrashPurged = meter.CreateCounter<long>("seatable.trash.purged", "{base}", "Trashed bases purged for good.");
        SocketsConnected = meter.CreateUpDownCounter<long>("seatable.sockets.connected", "{socket}", "Open Socket.IO connections on this silo.");
        ConnectionsRefused = meter.CreateCounter<long>("seatable.connections.refused", "{connection}", "New Socket.IO sessions refused at the connection cap (tag transport: websocket or polling).");
        TasksRunning = meter.CreateUpDownCounter<long>("seatable.tasks.running", "{task}", "Import and export tasks running on this silo.");
    }

    public Counter<long> TokensExchanged { get; }

    public Counter<long> TrashPurged { get; }

    private long _socketsOpen;
    private long _tasksRunning;

    private UpDownCounter<long> SocketsConnected { get; }

    private UpDownCounter<long> TasksRunning { get; }

    /// <summary>Open Socket.IO connections on this silo now (the admin console's cluster view reads it per silo).</summary>
    public long SocketsOpen => Interlocked.Read(ref _socketsOpen);

    /// <summary>Import and export tasks running on this silo now.</summary>
    public long TasksRunningNow => Interlocked.Read(ref _tasksRunning);

    public void SocketOpened()
    {
        Interlocked.Increment(ref _socketsOpen);
        SocketsConnected.Add(1);
    }

    public void SocketClosed()
    {
        Interlocked.Decrement(ref _socketsOpen);
        SocketsConnected.Add(-1);
    }

    public void TaskStarted()
    {
        Interlocked.Increment(ref _tasksRunning);
        TasksRunning.Add(1);
    }

    public void TaskEnded()
    {
        Interlocked.Decrement(ref _tasksRunning);
        TasksRunning.Add(-1);
    }

    public Counter<long> ConnectionsRefused { get; }
}
