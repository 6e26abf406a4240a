using System.Text.Json;
using SeaTable.Grains.Content.Storage;

namespace SeaTable.Grains.Content;

/// <summary>
/// Row writes under an Idempotency-Key (<see cref="RowWriteKey"/>): a key the base answered within 24 h answers
/// the same reply again without writing (or <see cref="ContentError.IdempotencyKeyReused"/> for another request);
/// a new key is recorded by the write's first commit, in the same transaction as its operation-log row, so the key
/// exists exactly when the write does. A write that commits nothing (an error, or nothing to change) records nothing.
/// </summary>
public sealed partial class BaseContentGrain
{
    /// <summary>The key of the running call, until its first commit records it.</summary>
    private (string Key, string Fingerprint)? _pendingKey;

    private async Task<ContentReply> KeyedAsync(Func<Task<ContentReply>> write)
    {
        if (RowWriteKey.Current() is not { } key)
        {
            return await write();
        }

        if (await store.FindAnswerAsync(Uuid, key.Key, clock.GetUtcNow() - KeyedAnswer.Window) is { } earlier)
        {
            return earlier.Fingerprint == key.Fingerprint
                ? JsonSerializer.Deserialize<ContentReply>(earlier.Answer)!
                : ContentReply.Fail(ContentError.IdempotencyKeyReused, key.Key);
        }

        _pendingKey = key;
        try
        {
            return await write();
        }
        finally
        {
            _pendingKey = null;
        }
    }

    /// <summary>The key and <paramref name="reply"/> to record with the commit, once per call.</summary>
    private KeyedAnswer? TakeKeyedAnswer(ContentReply? reply)
    {
        if (_pendingKey is not { } key || reply is null)
        {
            return null;
        }

        _pendingKey = null;
        return new KeyedAnswer(key.Key, key.Fingerprint, JsonSerializer.SerializeToUtf8Bytes(reply), clock.GetUtcNow());
    }
}
