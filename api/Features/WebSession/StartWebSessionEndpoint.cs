using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.Authentication;

namespace SeaTable.Api.Features.WebSession;

/// <summary>
/// POST /api/v2.1/web-session/ (beyond SeaTable; the web app's): puts the caller's login token into the
/// HttpOnly cookie the asset downloads accept, so that images and file links in a grid open in the browser.
/// </summary>
public sealed class StartWebSessionEndpoint : SeaTableEndpoint<EmptyRequest, WebSessionResponse>
{
    public override void Configure()
    {
        Post("/api/v2.1/web-session");
        Summary(s => s.Summary = "Let this browser open the assets of the bases the caller may read (login token; sets an HttpOnly cookie)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        // The scheme authenticated the header: its token is the one to keep.
        var token = TokenHeader.Read(HttpContext.Request);
        HttpContext.Response.Cookies.Append(WebSessionAuthenticationHandler.CookieName, token ?? "", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = HttpContext.Request.IsHttps,
            Path = WebSessionAuthenticationHandler.CookiePath,
            // As long as the login token itself: the cookie is cleared on sign-out.
            MaxAge = TimeSpan.FromDays(30),
        });
        await Send.OkAsync(new WebSessionResponse(true), ct);
    }
}
