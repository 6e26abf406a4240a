namespace SeaTable.Api.Infrastructure.WriteOutcomes;

/// <summary>A write failed in a way that leaves it open whether it was applied (answered 504, "outcome": "unknown").</summary>
public sealed class WriteOutcomeUnknownException(Exception inner)
    : Exception("The outcome of the write is unknown.", inner);
