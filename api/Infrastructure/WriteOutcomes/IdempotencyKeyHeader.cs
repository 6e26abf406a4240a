namespace SeaTable.Api.Infrastructure.WriteOutcomes;

/// <summary>The optional header that makes a row write safe to retry (beyond SeaTable).</summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";
}
