using System.Data.Common;
using Orleans.Runtime;
using Orleans.Storage;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// Failures that say "try again", not "you sent something wrong": a silo died with the call in flight,
/// a call timed out while the cluster re-balanced, a duplicate activation lost an ETag race, or the
/// database dropped a connection. They are answered 503 with Retry-After rather than 500.
/// </summary>
public static class TransientFailures
{
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
