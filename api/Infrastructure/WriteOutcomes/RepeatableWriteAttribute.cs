namespace SeaTable.Api.Infrastructure.WriteOutcomes;

/// <summary>
/// Marks an endpoint whose write can be run again safely: a repeat finds what its first run did (the token, the
/// share, the account it created) and answers that, or does the write if the first run did not get to it. When a
/// run fails with an unknown outcome, <see cref="WriteOutcomeGuard"/> repeats it, so the answer is the truth
/// instead of "unknown".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RepeatableWriteAttribute : Attribute
{
    /// <summary>Only a request with an Idempotency-Key header is repeatable (row writes).</summary>
    public bool WithIdempotencyKeyOnly { get; init; }
}
