using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SeaTable.Silo.Operations;

/// <summary>Ready while the database (SQLite file or PostgreSQL) answers a trivial query within the check's time.</summary>
public sealed class StorageHealthCheck(DbDataSource database) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("storage answers");
        }
        catch (Exception error) when (error is DbException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("storage does not answer", error);
        }
    }
}
