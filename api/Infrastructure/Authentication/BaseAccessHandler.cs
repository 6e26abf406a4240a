using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>What a base-token policy asks: the token is for the route's base ("{uuid}"), and grants "rw" for writes.</summary>
/// <remarks>
/// With <paramref name="AllowAccount"/> a signed-in user (login token, no base-token claims) passes too: dtable-web's
/// routes that also take the base token (the comments) check the user's own access to the base in the endpoint.
/// </remarks>
public sealed record BaseAccessRequirement(bool Write, bool AllowAccount = false) : IAuthorizationRequirement;

/// <summary>
/// Checks <see cref="BaseAccessRequirement"/> against the claims the base-token scheme wrote. The route's uuid
/// may come in either form (dashed or 32 hex): both parse to the same Guid.
/// </summary>
public sealed class BaseAccessHandler : AuthorizationHandler<BaseAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BaseAccessRequirement requirement)
    {
        if (requirement.AllowAccount && context.User.FindFirst(TokenClaims.DTableUuid) is null
            && context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AuthSchemes.LoginToken))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var http = context.Resource as HttpContext;
        var routeUuid = http?.GetRouteValue("uuid") as string;
        if (Guid.TryParse(routeUuid, out var uuid)
            && Guid.TryParse(context.User.FindFirst(TokenClaims.DTableUuid)?.Value, out var granted) && uuid == granted
            && context.User.FindFirst(TokenClaims.Permission)?.Value is { } permission
            // With AllowAccount the endpoint refuses an "r" token itself, in its surface's body.
            && (!requirement.Write || requirement.AllowAccount || permission == SharePermission.ReadWrite))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
