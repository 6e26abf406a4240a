using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.Rows;

/// <summary>Which of an endpoint's routes answered: SeaTable's v1 and v2 differ in their answers' shape.</summary>
public static class RowRoutes
{
    /// <summary>A call under …/api/v2/… (the API gateway, or dtable-server's own v2).</summary>
    public static bool IsV2(HttpContext context) =>
        context.Request.Path.Value?.Contains("/api/v2/", StringComparison.Ordinal) == true;
}
