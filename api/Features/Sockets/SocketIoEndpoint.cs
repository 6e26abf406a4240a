using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// The Socket.IO endpoint of dtable_socket. Only the WebSocket transport is served (clients connect with
/// transports: ['websocket']); no maintained Socket.IO server exists for .NET, hence this small subset.
/// </summary>
public static class SocketIoEndpoint
{
    /// <summary>The paths clients use: the socket root, and under the dtable-server and API gateway prefixes.</summary>
    private static readonly string[] Paths = ["/socket.io", "/dtable-server/socket.io", "/api-gateway/socket.io"];

    public static WebApplication MapSocketIo(this WebApplication app)
    {
        app.UseWebSockets();
        foreach (var path in Paths)
        {
            app.Map(path, branch => branch.Run(HandleAsync));
        }

        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["EIO"] != "4")
        {
            await RefuseAsync(context, 5, "Unsupported protocol version");
            return;
        }

        if (query["transport"] != "websocket" || !context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, 0, "Transport unknown");
            return;
        }

        Guid? uuid = Guid.TryParse(query["dtable_uuid"], out var parsed) ? parsed : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var services = context.RequestServices;
        var connection = new SocketIoConnection(
            socket,
            uuid,
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<BaseTokenValidator>(),
            services.GetRequiredService<BaseRoomHub>(),
            services.GetRequiredService<IOptions<SocketIoOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<SocketIoConnection>());
        // Stopping the server ends the connection while the socket is still up, so the client gets a close
        // frame (and reconnects to another silo) instead of a dropped connection.
        var stopping = services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var metrics = services.GetRequiredService<SeaTable.Grains.Common.SeaTableMetrics>();
        metrics.SocketsConnected.Add(1);
        try
        {
            await connection.RunAsync(ended.Token);
        }
        finally
        {
            metrics.SocketsConnected.Add(-1);
        }
    }

    /// <summary>Engine.IO's error body for a handshake it refuses.</summary>
    private static async Task RefuseAsync(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["code"] = code, ["message"] = message }));
    }
}
