using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Content;

namespace SeaTable.Api.Features.Sql;

/// <summary>
/// dtable-db's answers to a failed call: {"success": false, "error_message"} (sql-reference.md 3) with the status of the
/// kind of error; a base without content is the house's 404 base-not-found ({"error_msg": "dtable not found."}).
/// </summary>
public static class SqlErrorBodies
{
    public const string SqlMissing = "sql invalid.";

    public const string BaseNotFound = "dtable not found.";

    /// <summary>Rows one linked-records call may name (the grain holds the same bound).</summary>
    public const int MaxLinkedRecordsRows = 1000;

    /// <summary>The status SeaTable answers for the kind of error: everything a caller can fix is a 400, a write on a read-only token 403.</summary>
    public static int Status(SqlError error) => error switch
    {
        SqlError.None => StatusCodes.Status200OK,
        SqlError.NoContent => StatusCodes.Status404NotFound,
        SqlError.Forbidden => StatusCodes.Status403Forbidden,
        // Syntax, Invalid, NotSupported (INSERT: SeaTable's 400) and LimitExceeded (dtable-db's cost limit is a 400 too).
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The error body of a failed reply (never of a success).</summary>
    public static Dictionary<string, object> Body(SqlError error, string? message) => error switch
    {
        SqlError.NoContent => new() { ["error_msg"] = BaseNotFound },
        SqlError.Forbidden => new() { ["success"] = false, ["error_message"] = message is { Length: > 0 } ? message : "Permission denied." },
        _ => new() { ["success"] = false, ["error_message"] = message is { Length: > 0 } ? message : "sql invalid." },
    };

    public static async Task WriteAsync(HttpContext context, SqlError error, string? message)
    {
        if (error == SqlError.NoContent)
        {
            await Infrastructure.ApiErrors.WriteErrorAsync(context, StatusCodes.Status404NotFound, BaseNotFound);
            return;
        }

        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = Status(error);
        context.Response.ContentType = "application/json";
        await System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, Body(error, message),
            Infrastructure.ApiErrors.Options, context.RequestAborted);
    }
}
