using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// The web app's cookie: the signed-in user's login token in an HttpOnly, SameSite=Strict cookie that only the
/// asset downloads accept. A browser sends no Authorization header for an &lt;img src&gt; or a file link, so the
/// pages set this cookie after sign-in; every other call of the pages carries the token in the header. Being
/// read only by GETs without side effects, and never sent cross-site, the cookie cannot be used for CSRF.
/// </summary>
public sealed class WebSessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GrainReferences grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string CookieName = "seatable_web";

    /// <summary>The cookie is only sent to the asset paths, where it is read.</summary>
    public const string CookiePath = "/workspace/";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var (profile, failure) = await AccountTokenAuthenticationHandler.LookUpAsync(grains, token, Context.RequestAborted);
        return profile is null
            ? AuthenticateResult.Fail(failure!)
            : AuthenticateResult.Success(new AuthenticationTicket(AccountPrincipal.From(profile, AuthSchemes.WebSession), AuthSchemes.WebSession));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteDetailAsync(Context, StatusCodes.Status403Forbidden, "Authentication credentials were not provided.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteDetailAsync(Context, StatusCodes.Status403Forbidden, "You do not have permission to perform this action.");
}
