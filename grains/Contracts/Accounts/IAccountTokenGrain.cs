namespace SeaTable.Grains.Accounts;

/// <summary>A login token (key: SHA-256 of the token, so storage never holds the token itself).</summary>
[Alias("seatable.IAccountTokenGrain")]
public interface IAccountTokenGrain : IGrainWithStringKey
{
    [Alias("Bind")]
    Task Bind(string userId);

    /// <summary>The user this token logs in as, or null for an unknown token.</summary>
    [Alias("GetUserId")]
    Task<string?> GetUserId();
}
