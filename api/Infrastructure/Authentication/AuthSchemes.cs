namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// The credentials this server accepts, one ASP.NET Core authentication scheme each. SeaTable's clients send
/// all three token kinds the same way ("Authorization: Token|Bearer ..."), so the endpoint declares which one
/// its route takes; nothing guesses from the token's shape.
/// </summary>
public static class AuthSchemes
{
    /// <summary>An account's 40-hex login token (from auth-token/): dtable-web's API.</summary>
    public const string LoginToken = AccountTokenAuthenticationHandler.SchemeName;

    /// <summary>A base's API token: the app calls (app-access-token/, app-upload-link/, app-download-link/).</summary>
    public const string ApiToken = "ApiToken";

    /// <summary>A base token (JWT) from app-access-token/ or access-token/: dtable-server's row API.</summary>
    public const string BaseToken = "BaseToken";

    /// <summary>The web app's HttpOnly cookie (a login token), accepted only by the asset downloads.</summary>
    public const string WebSession = "WebSession";

    /// <summary>HTTP Basic with an admin's email and password: pages a browser opens directly (the dashboard).</summary>
    public const string StaffBasic = StaffBasicAuthenticationHandler.SchemeName;
}

/// <summary>The authorization policies endpoints declare with FastEndpoints' <c>Policies(...)</c>.</summary>
public static class AuthPolicies
{
    /// <summary>A base token for the route's base that still grants at least "r".</summary>
    public const string BaseRead = "base-read";

    /// <summary>A base token for the route's base that still grants "rw".</summary>
    public const string BaseWrite = "base-write";

    /// <summary>A login token (the endpoint checks the user's access), or a base token for the route's base.</summary>
    public const string BaseReadOrAccount = "base-read-or-account";

    /// <summary>A login token (the endpoint checks the user's access), or a base token for the route's base with "rw".</summary>
    public const string BaseWriteOrAccount = "base-write-or-account";

    /// <summary>A system admin signed in with HTTP Basic (or a login token).</summary>
    public const string StaffBasic = StaffBasicAuthenticationHandler.PolicyName;
}

/// <summary>Claims of the token principals.</summary>
public static class TokenClaims
{
    /// <summary>The API token's id (the hash of the token): the key of its rate limit and usage record.</summary>
    public const string TokenId = "seatable:token_id";

    /// <summary>The API token owner's own requests-per-minute limit, when set.</summary>
    public const string RequestsPerMinute = "seatable:requests_per_minute";

    public const string DTableUuid = "seatable:dtable_uuid";

    /// <summary>What the base token grants now ("r" or "rw"): never more than it says, nor than its source grants.</summary>
    public const string Permission = "seatable:permission";

    /// <summary>Who rows written with the token name as creator: the app's name, or the user's id.</summary>
    public const string Actor = "seatable:actor";
}
