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
