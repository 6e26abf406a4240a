using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SeaTable.Silo.Operations;

/// <summary>Health answers as JSON: the overall status and each check's status and description.</summary>
public static class HealthResponses
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, object?> { ["status"] = e.Value.Status.ToString(), ["description"] = e.Value.Description }),
        }));
    }
}
