using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// Why a token scheme refused the request, kept for its challenge: SeaTable answers these refusals with
/// different statuses and texts (403 "Permission denied.", 403 "Token expired.", 404 "api token not found.").
/// </summary>
public sealed record AuthFailure(int Status, string Message)
{
    private const string Item = "seatable.auth.token-failure";

    public static readonly AuthFailure PermissionDenied = new(StatusCodes.Status403Forbidden, "Permission denied.");

    public void Remember(HttpContext context) => context.Items[Item] = this;

    public static AuthFailure Of(HttpContext context) => context.Items[Item] as AuthFailure ?? PermissionDenied;

    public Task WriteAsync(HttpContext context) => ApiErrors.WriteErrorAsync(context, Status, Message);
}
