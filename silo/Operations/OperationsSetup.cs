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
    private const string ReadinessPath = "/readyz";

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

        // From the signal to stop, readiness is 503 without running the checks: the silo is still Active in the
        // cluster and its storage answers while it serves the shutdown delay, and a failing check would log an
        // error at every probe of a routine restart.
        var stopping = app.Lifetime.ApplicationStopping;
        var stoppingReport = new HealthReport(
            new Dictionary<string, HealthReportEntry> { ["silo"] = new(HealthStatus.Unhealthy, "the silo is stopping", TimeSpan.Zero, null, null) },
            TimeSpan.Zero);
        app.UseWhen(
            context => stopping.IsCancellationRequested && context.Request.Path.Equals(ReadinessPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return HealthResponses.WriteAsync(context, stoppingReport);
            }));

        // Liveness runs no check: the process answers. Readiness runs the checks tagged "ready".
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponses.WriteAsync })
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
