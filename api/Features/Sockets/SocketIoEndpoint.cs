using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Api.Infrastructure.Connections;
using SeaTable.Grains.Common;
using SeaTable.Grains.Connections;

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

    /// <summary>No WebSocket keep-alive timer per socket: Engine.IO's own pings keep the connection alive.</summary>
    private static readonly WebSocketAcceptContext AcceptContext = new() { KeepAliveInterval = TimeSpan.Zero };

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

        var gate = context.RequestServices.GetRequiredService<SocketGate>();
        if (!gate.TryEnter("websocket"))
        {
            await EngineIoErrors.WriteRefusedAsync(context, gate.IsStopping);
            return;
        }

        try
        {
            await RunWebSocketSessionAsync(context, options);
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>A session opened on a WebSocket, served until it ends.</summary>
    private static async Task RunWebSocketSessionAsync(HttpContext context, SocketIoOptions options)
    {
        Guid? uuid = DTableUuid(context.Request.Query);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(AcceptContext);
        var session = NewSession(context.RequestServices, uuid, options);
        // Stopping the server ends the connection while the socket is still up, so the client gets a close
        // frame (and reconnects to another silo) instead of a dropped connection.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var metrics = context.RequestServices.GetRequiredService<SeaTableMetrics>();
        metrics.SocketOpened();
        try
        {
            session.Send(session.OpenPacket(offerWebSocketUpgrade: false));
            var heartbeat = session.RunAsync(stopping);
            await WebSocketTransport.RunAsync(session, socket, options.MaxPayloadBytes, ended.Token);
            await heartbeat;
        }
        finally
        {
            metrics.SocketClosed();
        }
    }

    /// <summary>
    /// A request of a session opened on polling: a poll, a post, or the WebSocket of its upgrade. A session
    /// held by another silo (the load balancer sent the handshake there) is served through its grain; its
    /// upgrade is refused, and the client goes on polling.
    /// </summary>
    private static async Task ContinueAsync(HttpContext context, string sid, bool polling, SocketIoOptions options)
    {
        var services = context.RequestServices;
        var local = services.GetRequiredService<EngineIoSessions>().TryGet(sid, out var polled);
        if (!polling)
        {
            await UpgradeAsync(context, local ? polled : null, options);
            return;
        }

        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (!isGet && !HttpMethods.IsPost(context.Request.Method))
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            return;
        }

        string? payload = null;
        if (!isGet && (payload = await PollingTransport.ReadBodyAsync(context.Request, options.MaxPayloadBytes, context.RequestAborted)) is null)
        {
            await PollingTransport.WriteAsync(context, PollingTransport.TooLarge);
            return;
        }

        EnginePollingAnswer answer;
        if (local)
        {
            answer = isGet
                ? await PollingTransport.PollAsync(polled, polled.Session.PollBound, context.RequestAborted)
                : await PollingTransport.PostAsync(polled, payload!);
        }
        else if (sid.Length == 0)
        {
            answer = EnginePollingAnswer.UnknownSid;
        }
        else
        {
            answer = await ForwardAsync(services, sid, payload, context.RequestAborted);
        }

        if (!context.RequestAborted.IsCancellationRequested)
        {
            await PollingTransport.WriteAsync(context, answer);
        }
    }

    /// <summary>A poll (no payload) or post on the silo that holds the session; "unknown sid" when none does any more.</summary>
    private static async Task<EnginePollingAnswer> ForwardAsync(IServiceProvider services, string sid, string? payload, CancellationToken requestAborted)
    {
        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IEngineSessionGrain>(sid);
        try
        {
            return await (payload is null ? grain.Poll() : grain.Post(payload)).WaitAsync(requestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !requestAborted.IsCancellationRequested)
        {
            // The session's silo died or does not answer: the client must open a new session.
            return EnginePollingAnswer.UnknownSid;
        }
        catch (OperationCanceledException)
        {
            return EnginePollingAnswer.UnknownSid;
        }
    }

    private static async Task UpgradeAsync(HttpContext context, PolledSession? polled, SocketIoOptions options)
    {
        if (polled is null)
        {
            // Unknown here: unknown altogether, or held by another silo, where this socket cannot go.
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.UnknownSid);
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
            using var socket = await context.WebSockets.AcceptWebSocketAsync(AcceptContext);
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
        var gate = services.GetRequiredService<SocketGate>();
        if (!gate.TryEnter("polling"))
        {
            await EngineIoErrors.WriteRefusedAsync(context, gate.IsStopping);
            return;
        }

        var session = NewSession(services, DTableUuid(context.Request.Query), options);
        var sessions = services.GetRequiredService<EngineIoSessions>();
        var metrics = services.GetRequiredService<SeaTableMetrics>();
        sessions.Add(new PolledSession(session, new PollingState()));
        metrics.SocketOpened();
        var address = services.GetRequiredService<IGrainFactory>().GetGrain<IEngineSessionGrain>(session.Sid);
        try
        {
            // Activates the session's grain on this silo, so that requests reaching other silos find it here.
            await address.Register().WaitAsync(options.PingInterval, context.RequestAborted);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Served here all the same; only requests that reach another silo will not find the session. A client
            // that left meanwhile never polls: its session times out like any silent one, and frees its place.
        }

        // No request holds a polling session: its heartbeat runs on its own until the session ends.
        _ = RunDetachedAsync(session, sessions, metrics, gate, address, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.WriteAsync(session.OpenPacket(offerWebSocketUpgrade: true), context.RequestAborted);
    }

    private static async Task RunDetachedAsync(
        SocketIoConnection session, EngineIoSessions sessions, SeaTableMetrics metrics, SocketGate gate, IEngineSessionGrain address, CancellationToken stopping)
    {
        try
        {
            await Task.Yield();
            await session.RunAsync(stopping);
        }
        finally
        {
            sessions.Remove(session.Sid);
            metrics.SocketClosed();
            gate.Exit();
            try
            {
                await address.Forget();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The grain goes with its silo, or after a day at the latest.
            }
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
        services.GetRequiredService<ILoggerFactory>().CreateLogger<SocketIoConnection>(),
        services.GetService<SeaTable.Grains.Connections.IEngineSessionIds>()?.NewSid());
}
