using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.WriteOutcomes;

/// <summary>
/// Wraps every endpoint run, the one place that tells "try again" failures from "nobody knows" ones. A transient
/// failure (see <see cref="TransientFailures"/>) escaping a read is repeated like a repeatable write, and past the
/// repeats, like one before the endpoint (authentication, body reading), certainly changed nothing and stays 503
/// with Retry-After. Escaping a write it may have been
/// applied (a silo died or a call timed out after the grain wrote): a <see cref="RepeatableWriteAttribute"/>
/// endpoint is run again, a few times over a few seconds, so its repeat finds out and answers the truth; any other
/// write becomes <see cref="WriteOutcomeUnknownException"/>, answered 504 with "outcome": "unknown" and no Retry-After.
/// </summary>
public sealed class WriteOutcomeGuard(RequestDelegate next)
{
    /// <summary>No repeat starts later than this after the request began: a call that timed out has already taken long.</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(15);

    private static readonly object RepeatableKey = new();

    private readonly ConcurrentDictionary<Type, RepeatableWriteAttribute?> _repeatable = new();

    /// <summary>
    /// Marks this request as safe to run again, from inside an endpoint that only knows once it has read the
    /// request (a POST that reads: an SQL SELECT).
    /// </summary>
    public static void MarkRepeatable(HttpContext context) => context.Items[RepeatableKey] = true;

    public async Task InvokeAsync(HttpContext context)
    {
        // Only the API's typed endpoints: the Socket.IO transport answers its own failures.
        if (context.GetEndpoint()?.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>() is null)
        {
            await next(context);
            return;
        }

        // A read changes nothing, so it is always run again: while a silo hands its grains over (a rolling restart,
        // a failover) the repeat usually finds them moved and answers, instead of a 503.
        var read = IsRead(context.Request.Method);
        var marker = read ? null : MarkerOf(context);
        if (marker is { WithIdempotencyKeyOnly: true } && context.Request.Headers.TryGetValue(IdempotencyKeyHeader.Name, out var values))
        {
            if (IdempotencyKeyHeader.Validate(values) is not { } key)
            {
                await ApiErrors.WriteErrorAsync(context, StatusCodes.Status400BadRequest, IdempotencyKeyHeader.Invalid);
                return;
            }

            SeaTable.Grains.Content.RowWriteKey.Set(key, IdempotencyKeyHeader.Fingerprint(context));
        }

        var repeatable = read || (marker is not null
            && (!marker.WithIdempotencyKeyOnly || context.Request.Headers.ContainsKey(IdempotencyKeyHeader.Name)));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception) && !context.Response.HasStarted)
            {
                if (!(repeatable || context.Items.ContainsKey(RepeatableKey)) || attempt >= TransientFailures.RepeatDelays.Count || context.RequestAborted.IsCancellationRequested
                    || System.Diagnostics.Stopwatch.GetElapsedTime(started) + TransientFailures.RepeatDelays[attempt] > RepeatWindow)
                {
                    if (read)
                    {
                        throw;
                    }

                    throw new WriteOutcomeUnknownException(exception);
                }

                context.Response.Clear();
                await Task.Delay(TransientFailures.RepeatDelays[attempt], context.RequestAborted);
            }
        }
    }

    public static bool IsRead(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private RepeatableWriteAttribute? MarkerOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>() is { } definition
            ? _repeatable.GetOrAdd(definition.EndpointType, type => type.GetCustomAttribute<RepeatableWriteAttribute>())
            : null;
}

public static class WriteOutcomeGuardExtensions
{
    public static IApplicationBuilder UseWriteOutcomeGuard(this IApplicationBuilder app) => app.UseMiddleware<WriteOutcomeGuard>();
}
