using System.Net.WebSockets;
using System.Text;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// Carries an Engine.IO session over a WebSocket: text frames in, one frame per outbox packet out. Serves a
/// session opened on the WebSocket itself and one upgraded from polling (after the "2probe"/"3probe" and
/// "5" exchange, <see cref="UpgradeAsync"/>).
/// </summary>
public static class WebSocketTransport
{
    /// <summary>How long a client may take between its probe and the "5" upgrade packet (engine.io's upgradeTimeout).</summary>
    private static readonly TimeSpan UpgradeTimeout = TimeSpan.FromSeconds(10);

    private const int ReceiveBufferBytes = 1024;

    /// <summary>Serves the session on <paramref name="socket"/> until either ends; the session is closed afterwards.</summary>
    public static async Task RunAsync(SocketIoConnection session, WebSocket socket, int maxPayloadBytes, CancellationToken requestEnded)
    {
        var sender = SendLoopAsync(session, socket);
        try
        {
            // Held for the socket's whole life, idle or not: small (clients send pings and short events); a longer
            // message is read in several pieces.
            await ReceiveLoopAsync(session, socket, maxPayloadBytes, new byte[ReceiveBufferBytes], new MemoryStream(), requestEnded);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: the session ends below.
        }
        finally
        {
            session.Close(WebSocketCloseStatus.NormalClosure, "bye");
            await sender;
        }
    }

    /// <summary>
    /// The upgrade of a polling session: answers the client's "2probe" with "3probe", lets the pending poll
    /// return, and on "5" moves the session to this socket. False (the socket is closed, the session stays on
    /// polling) when the client sends anything else or nothing within <see cref="UpgradeTimeout"/>.
    /// </summary>
    public static async Task<bool> UpgradeAsync(SocketIoConnection session, PollingState polling, WebSocket socket, int maxPayloadBytes, CancellationToken requestEnded)
    {
        var buffer = new byte[ReceiveBufferBytes];
        var message = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestEnded, session.Closing);
        timeout.CancelAfter(UpgradeTimeout);
        try
        {
            var probe = await ReceiveTextAsync(socket, buffer, message, maxPayloadBytes, timeout.Token);
            if (probe != "2probe")
            {
                return await RefuseUpgradeAsync(socket);
            }

            await socket.SendAsync("3probe"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            // The client pauses polling now: its pending GET must return (a noop when nothing is queued).
            polling.BeginUpgrade();
            var upgrade = await ReceiveTextAsync(socket, buffer, message, maxPayloadBytes, timeout.Token);
            if (upgrade != "5" || !polling.CompleteUpgrade())
            {
                polling.CancelUpgrade();
                return await RefuseUpgradeAsync(socket);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            polling.CancelUpgrade();
            return false;
        }

        await RunAsync(session, socket, maxPayloadBytes, requestEnded);
        return true;
    }

    private static async Task<bool> RefuseUpgradeAsync(WebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(WebSocketCloseStatus.ProtocolError, "invalid upgrade", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        return false;
    }

    /// <summary>One whole text message; null when the client closed or sent a binary or oversized message.</summary>
    private static async Task<string?> ReceiveTextAsync(WebSocket socket, byte[] buffer, MemoryStream message, int maxPayloadBytes, CancellationToken cancellationToken)
    {
        message.SetLength(0);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType != WebSocketMessageType.Text || message.Length + result.Count > maxPayloadBytes)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private static async Task ReceiveLoopAsync(SocketIoConnection session, WebSocket socket, int maxPayloadBytes, byte[] buffer, MemoryStream message, CancellationToken cancellationToken)
    {
        while (socket.State == WebSocketState.Open && !session.IsClosing)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Binary || message.Length + result.Count > maxPayloadBytes)
            {
                session.Close(WebSocketCloseStatus.MessageTooBig, "binary or oversized message");
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (!await session.HandleEngineMessageAsync(text, session.Closing))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends the outbox until the session ends, then (once the session released its lease) the close frame
    /// with the session's reason; aborts the socket when the reason says the client will not answer.
    /// </summary>
    private static async Task SendLoopAsync(SocketIoConnection session, WebSocket socket)
    {
        try
        {
            await foreach (var packet in session.Outbox.ReadAllAsync(session.Closing))
            {
                if (socket.State != WebSocketState.Open)
                {
                    break;
                }

                await socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, endOfMessage: true, session.Closing);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The session is closing or the socket went away.
        }

        await session.Ended;
        var (status, reason, abort) = session.CloseReason;
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        if (abort)
        {
            socket.Abort();
        }
    }
}
