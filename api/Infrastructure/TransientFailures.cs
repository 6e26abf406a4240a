using System.Data.Common;
using Orleans.Runtime;
using Orleans.Storage;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// Failures that say "try again", not "you sent something wrong": a silo died with the call in flight,
/// a call timed out while the cluster re-balanced, a duplicate activation lost an ETag race, or the
/// database dropped a connection. A read, or a write that never reached its endpoint, is answered 503 with
/// Retry-After; a write that may have been applied is answered 504 "outcome unknown" without it (see
/// <see cref="WriteOutcomes.WriteOutcomeGuard"/>).
/// </summary>
public static class TransientFailures
{
    /// <summary>Pauses before each repeat of a call that failed transiently: a hand-over or failover takes seconds, so later repeats wait longer.</summary>
    public static IReadOnlyList<TimeSpan> RepeatDelays { get; } = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>
    /// A read made outside an endpoint (authentication runs before <see cref="WriteOutcomes.WriteOutcomeGuard"/>),
    /// run again after a transient failure: it changes nothing, and a rolling restart would otherwise answer 503
    /// to requests whose token grain was being handed over.
    /// </summary>
    public static async Task<T> RepeatReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception exception) when (IsTransient(exception) && attempt < RepeatDelays.Count && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RepeatDelays[attempt], cancellationToken);
            }
        }
    }

    /// <summary>The answer to a failure that reached the exception handler; null for an unexpected one (500).</summary>
    public static FailureAnswer? AnswerFor(Exception? exception) => exception switch
    {
        WriteOutcomes.WriteOutcomeUnknownException => FailureAnswer.Unknown,
        _ when IsTransient(exception) => FailureAnswer.Retry,
        _ => null,
    };

    public static bool IsTransient(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                or InconsistentStateException or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
