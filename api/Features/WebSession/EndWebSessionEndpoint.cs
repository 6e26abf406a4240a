using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.Authentication;

namespace SeaTable.Api.Features.WebSession;

/// <summary>DELETE /api/v2.1/web-session/ (beyond SeaTable): clears the web app's asset cookie on sign-out.</summary>
public sealed class EndWebSessionEndpoint : SeaTableEndpoint<EmptyRequest, WebSessionResponse>
{
    public override void Configure()
    {
        Delete("/api/v2.1/web-session");
        // Anyone may clear a cookie of their own browser: signing out must work with an expired token too.
        AllowAnonymous();
        Summary(s => s.Summary = "Clear this browser's asset cookie (anyone)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        HttpContext.Response.Cookies.Delete(WebSessionAuthenticationHandler.CookieName, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = HttpContext.Request.IsHttps,
            Path = WebSessionAuthenticationHandler.CookiePath,
        });
        await Send.OkAsync(new WebSessionResponse(true), ct);
    }
}
