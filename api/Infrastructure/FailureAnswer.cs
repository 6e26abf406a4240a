namespace SeaTable.Api.Infrastructure;

/// <summary>How a failure that is not the caller's fault is answered: status, message, and whether to retry.</summary>
/// <param name="RetryAfterSeconds">Set only when a retry is certainly safe (nothing was changed).</param>
/// <param name="OutcomeUnknown">The write may or may not have been applied: the body says "outcome": "unknown".</param>
public sealed record FailureAnswer(int Status, string Message, int? RetryAfterSeconds, bool OutcomeUnknown)
{
    public const string UnknownOutcomeMessage =
        "The outcome of this write is unknown: the server lost contact with the part of the cluster that ran it. "
        + "Read the data again before retrying, or retry with an Idempotency-Key.";

    public static readonly FailureAnswer Retry =
        new(Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable, please retry.", 1, false);

    public static readonly FailureAnswer Unknown =
        new(Microsoft.AspNetCore.Http.StatusCodes.Status504GatewayTimeout, UnknownOutcomeMessage, null, true);
}
