using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure;

/// <summary>SeaTable's two error bodies: {"error_msg"} from the API, {"detail"} from authentication.</summary>
public static class ApiErrors
{
    /// <summary>Messages quote names and paths: keep quotes and apostrophes readable, as SeaTable's bodies are.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new Dictionary<string, string> { ["error_msg"] = message });

    /// <summary>dtable-server's other error body: {"error_type": "table_not_exist", "error_message": "..."}.</summary>
    public static Task WriteTypedErrorAsync(HttpContext context, int status, string type, string message) =>
        WriteAsync(context, status, new Dictionary<string, string> { ["error_type"] = type, ["error_message"] = message });

    public static Task WriteDetailAsync(HttpContext context, int status, string detail) =>
        WriteAsync(context, status, new Dictionary<string, string> { ["detail"] = detail });

    /// <summary>A write that may or may not have happened: {"error_msg": "...", "outcome": "unknown"}.</summary>
    public static Task WriteUnknownOutcomeAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new Dictionary<string, string> { ["error_msg"] = message, ["outcome"] = "unknown" });

    private static async Task WriteAsync(HttpContext context, int status, Dictionary<string, string> body)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, Options, context.RequestAborted);
    }
}
