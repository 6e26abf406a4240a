using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SeaTable.Silo.Operations;

namespace SeaTable.Tests.Operations;

public sealed class StorageHealthCheckTests
{
    [Fact]
    public async Task Unreachable_storage_makes_the_silo_not_ready()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "db.sqlite");
        await using var database = SqliteFactory.Instance.CreateDataSource($"Data Source={missing};Mode=ReadWrite");
        var result = await new StorageHealthCheck(database).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Reachable_storage_is_healthy()
    {
        await using var database = SqliteFactory.Instance.CreateDataSource("Data Source=:memory:");
        var result = await new StorageHealthCheck(database).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, result.Status);
    }
}
