using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// "Authorization: Token &lt;key&gt;" (or "Bearer") with a login token, answered the way SeaTable's
/// Django REST framework setup answers: 401 {"detail"} for a bad token, 403 {"detail"} when none was sent.
/// </summary>
public sealed class AccountTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GrainReferences grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string StaffRole = "staff";
    private const string FailureItem = "seatable.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        // An endpoint that declares other schemes (an API token, a base token) is not looked up as a login token
        // here: that lookup could only fail, and it was measured as the largest single cost of the token exchange.
        if (string.IsNullOrWhiteSpace(header) || Context.GetEndpoint()?.Metadata.GetMetadata<FastEndpoints.EndpointDefinition>()?.AuthSchemeNames is { Count: > 0 } declared
            && !declared.Contains(SchemeName))
        {
            return AuthenticateResult.NoResult();
        }

        var parts = header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (!parts[0].Equals("token", StringComparison.OrdinalIgnoreCase) && !parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (parts.Length == 1)
        {
            return Fail("Invalid token header. No credentials provided.");
        }

        if (parts.Length > 2)
        {
            return Fail("Invalid token header. Token string should not contain spaces.");
        }

        var (profile, failure) = await LookUpAsync(grains, parts[1], Context.RequestAborted);
        if (profile is null)
        {
            return Fail(failure!);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(AccountPrincipal.From(profile, SchemeName), SchemeName));
    }

    /// <summary>The active account a login token belongs to, or why it does not authenticate (DRF's texts).</summary>
    internal static async Task<(AccountProfile? Profile, string? Failure)> LookUpAsync(GrainReferences grains, string token, CancellationToken cancellationToken)
    {
        var userId = await TransientFailures.RepeatReadAsync(() => grains.GetGrain<IAccountTokenGrain>(Secrets.HashToken(token)).GetUserId(), cancellationToken);
        var profile = userId is null ? null : await TransientFailures.RepeatReadAsync(() => grains.GetGrain<IAccountGrain>(userId).GetProfile(), cancellationToken);
        if (profile is null)
        {
            return (null, "Invalid token");
        }

        return profile.IsActive ? (profile, null) : (null, "User inactive or deleted");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.Items[FailureItem] is string failure
            ? ApiErrors.WriteDetailAsync(Context, StatusCodes.Status401Unauthorized, failure)
            : ApiErrors.WriteDetailAsync(Context, StatusCodes.Status403Forbidden, "Authentication credentials were not provided.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteDetailAsync(Context, StatusCodes.Status403Forbidden, "You do not have permission to perform this action.");

    private AuthenticateResult Fail(string detail)
    {
        Context.Items[FailureItem] = detail;
        return AuthenticateResult.Fail(detail);
    }
}
