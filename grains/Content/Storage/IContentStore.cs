namespace SeaTable.Grains.Content.Storage;

/// <summary>
/// Where a base's content lives: its last snapshot and the operations written after it. Each call is one
/// transaction; an operation is durable when <see cref="AppendAsync"/> returns.
/// </summary>
public interface IContentStore
{
    Task<StoredContent> LoadAsync(Guid baseUuid, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds operation <paramref name="version"/>; fails if that version is already taken (a stale activation). With
    /// <paramref name="answer"/>, records the request's Idempotency-Key and reply in the same transaction.
    /// </summary>
    Task AppendAsync(Guid baseUuid, long version, byte[] operation, KeyedAnswer? answer = null, CancellationToken cancellationToken = default);

    /// <summary>The answer recorded for an Idempotency-Key of the base since <paramref name="notBefore"/>; null if none.</summary>
    Task<KeyedAnswer?> FindAnswerAsync(Guid baseUuid, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the content as of <paramref name="version"/> (read from the start of a seekable stream, streamed
    /// into the database rather than copied whole) and deletes the operations up to it.
    /// </summary>
    Task SaveSnapshotAsync(Guid baseUuid, long version, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot and every operation of the base.</summary>
    Task DeleteAsync(Guid baseUuid, CancellationToken cancellationToken = default);
}

/// <summary>A snapshot (null when the base has none) and the operations after it, in version order.</summary>
public sealed record StoredContent(long SnapshotVersion, byte[]? Snapshot, IReadOnlyList<StoredOperation> Operations)
{
    public bool IsEmpty => Snapshot is null && Operations.Count == 0;
}

public sealed record StoredOperation(long Version, byte[] Data);

/// <summary>An Idempotency-Key, the fingerprint of the request that used it, the reply it got, and when.</summary>
public sealed record KeyedAnswer(string Key, string Fingerprint, byte[] Answer, DateTimeOffset CreatedAt)
{
    /// <summary>How long a key is kept.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
}
