using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.Sockets;

/// <summary>engine.io's error answers: HTTP 400 with {"code":n,"message":"…"} (its Server.errors table).</summary>
public static class EngineIoErrors
{
    public const int UnknownTransport = 0;
    public const int UnknownSid = 1;
    public const int BadHandshakeMethod = 2;
    public const int BadRequest = 3;
    public const int UnsupportedProtocolVersion = 5;

    public static Task WriteAsync(HttpContext context, int code, int status = StatusCodes.Status400BadRequest)
    {
        var message = code switch
        {
            UnknownTransport => "Transport unknown",
            UnknownSid => "Session ID unknown",
            BadHandshakeMethod => "Bad handshake method",
            UnsupportedProtocolVersion => "Unsupported protocol version",
            _ => "Bad request",
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($$"""{"code":{{code}},"message":"{{message}}"}""");
    }

    /// <summary>
    /// A new session refused at the connection cap, or because this server is stopping: 503 (a client's reconnect
    /// with back-off is safe, nothing was opened; a balancer such as nginx tries the next silo), in engine.io's
    /// error shape so its clients report it as a failed connection.
    /// </summary>
    public static Task WriteRefusedAsync(HttpContext context, bool stopping)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = stopping ? "1" : "5";
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(stopping
            ? """{"code":3,"message":"Server is stopping"}"""
            : """{"code":3,"message":"Server at its connection limit"}""");
    }
}
