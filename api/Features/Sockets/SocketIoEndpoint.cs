using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// The Socket.IO endpoint of dtable_socket, Engine.IO 4 on both of its transports: HTTP long-polling (what
/// python-socketio and socket.io-client open with by default) with the upgrade to a WebSocket, and a
/// WebSocket from the start (clients with transports: ['websocket']). No maintained Socket.IO server exists
/// for .NET, hence this small subset.
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
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnsupportedProtocolVersion);
            return;
        }

        var transport = query["transport"];
        var polling = transport == "polling";
        if (!polling && (transport != "websocket" || !context.WebSockets.IsWebSocketRequest))
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnknownTransport);
            return;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<SocketIoOptions>>().Value;
        if (query.TryGetValue("sid", out var sid))
        {
            await ContinueAsync(context, sid.ToString(), polling, options);
            return;
        }

        if (polling)
        {
            await HandshakeOnPollingAsync(context, options);
            return;
        }

        Guid? uuid = DTableUuid(query);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = NewSession(context.RequestServices, uuid, options);
        // Stopping the server ends the connection while the socket is still up, so the client gets a close
        // frame (and reconnects to another silo) instead of a dropped connection.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var metrics = context.RequestServices.GetRequiredService<SeaTableMetrics>();
        metrics.SocketsConnected.Add(1);
        try
        {
            session.Send(session.OpenPacket(offerWebSocketUpgrade: false));
            var heartbeat = session.RunAsync(stopping);
            await WebSocketTransport.RunAsync(session, socket, options.MaxPayloadBytes, ended.Token);
            await heartbeat;
        }
        finally
        {
            metrics.SocketsConnected.Add(-1);
        }
    }

    /// <summary>A request of a session opened on polling: a poll, a post, or the WebSocket of its upgrade.</summary>
    private static async Task ContinueAsync(HttpContext context, string sid, bool polling, SocketIoOptions options)
    {
        var sessions = context.RequestServices.GetRequiredService<EngineIoSessions>();
        if (!sessions.TryGet(sid, out var polled) || polled.Session.IsClosing)
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnknownSid);
            return;
        }

        if (polling)
        {
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await PollingTransport.PollAsync(context, polled, options);
            }
            else if (HttpMethods.IsPost(context.Request.Method))
            {
                await PollingTransport.PostAsync(context, polled, options);
            }
            else
            {
                await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            }

            return;
        }

        if (!polled.Polling.TryStartProbe())
        {
            // Upgraded already, or another upgrade is under way.
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await WebSocketTransport.UpgradeAsync(polled.Session, polled.Polling, socket, options.MaxPayloadBytes, ended.Token);
        }
        finally
        {
            polled.Polling.CancelUpgrade();
        }
    }

    /// <summary>The first GET of a polling client: a new session, answered with its open packet.</summary>
    private static async Task HandshakeOnPollingAsync(HttpContext context, SocketIoOptions options)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadHandshakeMethod);
            return;
        }

        var services = context.RequestServices;
        var session = NewSession(services, DTableUuid(context.Request.Query), options);
        var sessions = services.GetRequiredService<EngineIoSessions>();
        var metrics = services.GetRequiredService<SeaTableMetrics>();
        sessions.Add(new PolledSession(session, new PollingState()));
        metrics.SocketsConnected.Add(1);
        // No request holds a polling session: its heartbeat runs on its own until the session ends.
        _ = RunDetachedAsync(session, sessions, metrics, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.WriteAsync(session.OpenPacket(offerWebSocketUpgrade: true), context.RequestAborted);
    }

    private static async Task RunDetachedAsync(SocketIoConnection session, EngineIoSessions sessions, SeaTableMetrics metrics, CancellationToken stopping)
    {
        try
        {
            await Task.Yield();
            await session.RunAsync(stopping);
        }
        finally
        {
            sessions.Remove(session.Sid);
            metrics.SocketsConnected.Add(-1);
        }
    }

    private static Guid? DTableUuid(IQueryCollection query) => Guid.TryParse(query["dtable_uuid"], out var parsed) ? parsed : null;

    private static SocketIoConnection NewSession(IServiceProvider services, Guid? dtableUuid, SocketIoOptions options) => new(
        dtableUuid,
        services.GetRequiredService<IGrainFactory>(),
        services.GetRequiredService<BaseTokenValidator>(),
        services.GetRequiredService<BaseRoomHub>(),
        options,
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger<SocketIoConnection>());
}
