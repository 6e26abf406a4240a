using Orleans.Runtime;

namespace SeaTable.Grains.Content;

/// <summary>
/// A row write's Idempotency-Key and the fingerprint of its request, carried to the content grain in Orleans'
/// request context (set by the API before the call), so every row write takes it without a parameter of its own.
/// </summary>
public static class RowWriteKey
{
    private const string KeyName = "seatable.idempotency-key";
    private const string FingerprintName = "seatable.idempotency-fingerprint";

    public static void Set(string key, string fingerprint)
    {
        RequestContext.Set(KeyName, key);
        RequestContext.Set(FingerprintName, fingerprint);
    }

    public static (string Key, string Fingerprint)? Current() =>
        RequestContext.Get(KeyName) is string key && RequestContext.Get(FingerprintName) is string fingerprint ? (key, fingerprint) : null;
}
