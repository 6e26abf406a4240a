using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using SeaTable.Api.Infrastructure;
using SeaTable.Grains.Common;
using SeaTable.Grains.Settings;

namespace SeaTable.Silo.Operations;

/// <summary>
/// What operators need on day one: liveness (/healthz), readiness (/readyz: silo active and storage
/// answering), Prometheus metrics (ASP.NET Core, Orleans, runtime and the project's own meter) and the
/// Orleans dashboard behind a system-admin sign-in.
/// </summary>
public static class OperationsSetup
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddSeaTableOperations(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.ReadSettings<OperationsOptions>(OperationsOptions.Section);
        builder.Services.AddSettings<OperationsOptions>(builder.Configuration, OperationsOptions.Section);

        builder.Services.AddHealthChecks()
            .AddCheck<SiloStatusHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);

        if (!string.IsNullOrWhiteSpace(options.MetricsPath))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(SeaTableMetrics.MeterName)
                .AddPrometheusExporter());
        }

        if (!string.IsNullOrWhiteSpace(options.DashboardPath))
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    public static WebApplication MapSeaTableOperations(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OperationsOptions>>().Value;

        // Liveness runs no check: the process answers. Readiness runs the checks tagged "ready".
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponses.WriteAsync })
            .ExcludeFromDescription();

        if (!string.IsNullOrWhiteSpace(options.MetricsPath))
        {
            app.MapPrometheusScrapingEndpoint(options.MetricsPath).ExcludeFromDescription();
        }

        if (!string.IsNullOrWhiteSpace(options.DashboardPath))
        {
            app.MapOrleansDashboard(options.DashboardPath.TrimEnd('/'))
                .RequireAuthorization(StaffBasicAuthenticationHandler.PolicyName)
                .ExcludeFromDescription();
        }

        return app;
    }
}
