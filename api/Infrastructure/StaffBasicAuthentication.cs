using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// HTTP Basic sign-in (email or user id, and password) for pages a browser opens directly, such as the
/// Orleans dashboard, which cannot send "Authorization: Token". Only system admins pass the policy that uses
/// it. A verified header is remembered for a minute: the dashboard polls every second, and each password
/// check is a deliberately slow hash.
/// </summary>
public sealed class StaffBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GrainReferences grains,
    IMemoryCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StaffBasic";
    public const string PolicyName = "staff-basic";
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            // Scripts may use their login token as everywhere else; one scheme answers the challenge either way.
            return await Context.AuthenticateAsync(AccountTokenAuthenticationHandler.SchemeName);
        }

        var cacheKey = "basic:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));
        if (cache.TryGetValue(cacheKey, out AccountProfile? remembered) && remembered is not null)
        {
            return Success(remembered);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Invalid basic credentials.");
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return AuthenticateResult.Fail("Invalid basic credentials.");
        }

        var login = decoded[..separator];
        var password = decoded[(separator + 1)..];
        var profile = await grains.GetGrain<IAccountDirectoryGrain>(0).FindUser(login);
        if (profile is null || !profile.IsActive || !await grains.GetGrain<IAccountGrain>(profile.Id).CheckPassword(password))
        {
            return AuthenticateResult.Fail("Invalid basic credentials.");
        }

        cache.Set(cacheKey, profile, Remember);
        return Success(profile);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"SeaTable admin\", charset=\"UTF-8\"";
        return ApiErrors.WriteDetailAsync(Context, StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteDetailAsync(Context, StatusCodes.Status403Forbidden, "You do not have permission to perform this action.");

    private static AuthenticateResult Success(AccountProfile profile) =>
        AuthenticateResult.Success(new AuthenticationTicket(AccountPrincipal.From(profile, SchemeName), SchemeName));
}
