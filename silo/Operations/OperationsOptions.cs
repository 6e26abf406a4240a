using SeaTable.Grains.Settings;

namespace SeaTable.Silo.Operations;

/// <summary>Operator endpoints (configuration section "SeaTable:Operations").</summary>
public sealed class OperationsOptions
{
    public const string Section = "SeaTable:Operations";

    /// <summary>Prometheus text format; empty to turn the endpoint off.</summary>
    [UrlPathOrEmpty]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>The Orleans dashboard (for example "/dashboard"), for system admins only; empty for none.</summary>
    /// <remarks>
    /// Off unless configured: the dashboard samples every grain call and polls the cluster every second, and
    /// measured on 2 cores it halved the throughput of even the trivial /api2/ping/ (see README).
    /// </remarks>
    [UrlPathOrEmpty]
    public string DashboardPath { get; set; } = "";
}
