using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Connections;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// Engine.IO 4's HTTP long-polling transport: a GET returns the packets queued for the client (waiting for
/// one when none is), a POST hands the client's packets to the session; packets are separated by the record
/// separator 0x1E in both directions. A session whose client stops polling stops answering pings and is
/// closed by its heartbeat like any other. The answers are built apart from HTTP so that a silo that does
/// not hold the session can have them made by the one that does (<see cref="IEngineSessionGrain"/>).
/// </summary>
public static class PollingTransport
{
    public const char Separator = '\x1e';

    /// <summary>
    /// Packets per poll answer at most: python-engineio's client refuses a payload of more than 16 packets
    /// ("Too many packets in payload"); the rest waits for the next poll.
    /// </summary>
    public const int MaxPacketsPerPoll = 16;

    private const string TextPlain = "text/plain; charset=UTF-8";

    private static readonly EnginePollingAnswer BadRequest = new(400, "application/json", """{"code":3,"message":"Bad request"}""");

    public static readonly EnginePollingAnswer TooLarge = new(413, "application/json", """{"code":3,"message":"Bad request"}""");

    /// <summary>GET: the queued packets, "6" (noop) when the poll must return without any, "1" once the session closed.</summary>
    public static async Task<EnginePollingAnswer> PollAsync(PolledSession polled, TimeSpan maxWait, CancellationToken requestAborted)
    {
        var (session, polling) = polled;
        if (polling.IsUpgraded)
        {
            return BadRequest;
        }

        if (!polling.TryBeginGet())
        {
            // engine.io closes a session whose client overlaps its polls: the client is confused.
            session.Close(WebSocketCloseStatus.PolicyViolation, "overlapping polls");
            return BadRequest;
        }

        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, session.Closing, polling.Wake);
            // Pings fill the outbox every ping interval; the bound only guards against a stalled heartbeat
            // (and keeps a poll forwarded from another silo under the call timeout).
            wait.CancelAfter(maxWait);
            try
            {
                await session.Outbox.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Woken for the upgrade, by the session's end or the bound: answer with what there is.
            }

            return new EnginePollingAnswer(200, TextPlain, requestAborted.IsCancellationRequested ? "" : Drain(polled, session.MaxPayloadBytes));
        }
        finally
        {
            polling.EndGet();
        }
    }

    /// <summary>POST: the client's packets, handled in order; "ok" as engine.io answers.</summary>
    public static async Task<EnginePollingAnswer> PostAsync(PolledSession polled, string payload)
    {
        var (session, polling) = polled;
        if (polling.IsUpgraded)
        {
            return BadRequest;
        }

        if (payload.Length > session.MaxPayloadBytes)
        {
            return TooLarge;
        }

        if (!polling.TryBeginPost())
        {
            session.Close(WebSocketCloseStatus.PolicyViolation, "overlapping posts");
            return BadRequest;
        }

        try
        {
            foreach (var packet in payload.Split(Separator))
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

            if (session.IsClosing)
            {
                // A client that posted its goodbye and reads "ok" sees itself disconnected, as a WebSocket client
                // gets its close frame only after the lease is released. Bounded: a stuck release runs out by itself.
                try
                {
                    await session.Ended.WaitAsync(session.PollBound);
                }
                catch (TimeoutException)
                {
                    // Answered all the same; the lease's own end shows the client disconnected.
                }
            }

            return new EnginePollingAnswer(200, "text/html", "ok");
        }
        finally
        {
            polling.EndPost();
        }
    }

    public static Task WriteAsync(HttpContext context, EnginePollingAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        return context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(limit + 1, 16 * 1024)];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }

            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
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
}
