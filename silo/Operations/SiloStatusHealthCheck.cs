using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace SeaTable.Silo.Operations;

/// <summary>Ready once this silo has joined the cluster and is active in it (not joining, shutting down or dead).</summary>
public sealed class SiloStatusHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {oracle.SiloName} is active")
            : HealthCheckResult.Unhealthy($"silo {oracle.SiloName} is {oracle.CurrentStatus}"));
}
