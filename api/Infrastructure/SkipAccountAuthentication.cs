namespace SeaTable.Api.Infrastructure;

/// <summary>
/// Endpoint metadata: the request carries some other credential in "Authorization: Token ..." (an API token,
/// a base JWT), so the account handler must not look it up as a login token. Without it every app call pays
/// a pointless account-token grain call (and activation) that can only fail; measured, it was the largest
/// single cost of the token exchange.
/// </summary>
public sealed class SkipAccountAuthentication
{
    private SkipAccountAuthentication()
    {
    }

    public static SkipAccountAuthentication Instance { get; } = new();
}
