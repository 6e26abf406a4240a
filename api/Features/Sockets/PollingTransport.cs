using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// Engine.IO 4's HTTP long-polling transport: a GET returns the packets queued for the client (waiting for
/// one when none is), a POST hands the client's packets to the session; packets are separated by the record
/// separator 0x1E in both directions. A session whose client stops polling stops answering pings and is
/// closed by its heartbeat like any other.
/// </summary>
public static class PollingTransport
{
    public const char Separator = '\x1e';

    /// <summary>
    /// Packets per poll answer at most: python-engineio's client refuses a payload of more than 16 packets
    /// ("Too many packets in payload"); the rest waits for the next poll.
    /// </summary>
    public const int MaxPacketsPerPoll = 16;

    /// <summary>GET: the queued packets, "6" (noop) when the poll must return without any, "1" once the session closed.</summary>
    public static async Task PollAsync(HttpContext context, PolledSession polled, SocketIoOptions options)
    {
        var (session, polling) = polled;
        if (polling.IsUpgraded)
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            return;
        }

        if (!polling.TryBeginGet())
        {
            // engine.io closes a session whose client overlaps its polls: the client is confused.
            session.Close(WebSocketCloseStatus.PolicyViolation, "overlapping polls");
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            return;
        }

        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Closing, polling.Wake);
            // Pings fill the outbox every ping interval; the bound only guards against a stalled heartbeat.
            wait.CancelAfter(options.PingInterval + options.PingTimeout);
            try
            {
                await session.Outbox.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Woken for the upgrade, by the session's end or the bound: answer with what there is.
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            await WritePayloadAsync(context, Drain(polled, options.MaxPayloadBytes));
        }
        finally
        {
            polling.EndGet();
        }
    }

    /// <summary>POST: the client's packets, handled in order; "ok" as engine.io answers.</summary>
    public static async Task PostAsync(HttpContext context, PolledSession polled, SocketIoOptions options)
    {
        var (session, polling) = polled;
        if (polling.IsUpgraded)
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            return;
        }

        if (context.Request.ContentLength > options.MaxPayloadBytes)
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (!polling.TryBeginPost())
        {
            session.Close(WebSocketCloseStatus.PolicyViolation, "overlapping posts");
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
            return;
        }

        try
        {
            var body = await ReadBodyAsync(context.Request.Body, options.MaxPayloadBytes, context.RequestAborted);
            if (body is null)
            {
                await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest, StatusCodes.Status413PayloadTooLarge);
                return;
            }

            foreach (var packet in body.Split(Separator))
            {
                if (session.IsClosing)
                {
                    break;
                }

                if (!await session.HandleEngineMessageAsync(packet, session.Closing))
                {
                    session.Close(WebSocketCloseStatus.NormalClosure, "bye");
                    break;
                }
            }

            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("ok", context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up on its POST.
        }
        catch (BadHttpRequestException)
        {
            await EngineIoErrors.WriteAsync(context, EngineIoErrors.BadRequest);
        }
        finally
        {
            polling.EndPost();
        }
    }

    /// <summary>The queued packets for one answer, at most <see cref="MaxPacketsPerPoll"/> and about maxPayload characters.</summary>
    private static string Drain(PolledSession polled, int maxPayloadBytes)
    {
        var (session, polling) = polled;
        if (polling.IsUpgraded)
        {
            // The WebSocket owns the outbox now; this was the poll the client left pending.
            return "6";
        }

        var payload = new StringBuilder();
        var count = 0;
        while (count < MaxPacketsPerPoll && (count == 0 || payload.Length < maxPayloadBytes) && session.Outbox.TryRead(out var packet))
        {
            if (count++ > 0)
            {
                payload.Append(Separator);
            }

            payload.Append(packet);
        }

        if (count == 0)
        {
            return session.IsClosing ? "1" : "6";
        }

        return payload.ToString();
    }

    private static async Task WritePayloadAsync(HttpContext context, string payload)
    {
        context.Response.ContentType = "text/plain; charset=UTF-8";
        await context.Response.WriteAsync(payload, context.RequestAborted);
    }

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadBodyAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
