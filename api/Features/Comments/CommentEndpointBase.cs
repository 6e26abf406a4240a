using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Grains.Comments;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Comments;

/// <summary>Who calls on a base's comments: the author name they write under and what they may do.</summary>
public sealed record CommentCaller(Guid Uuid, string Actor, bool CanWrite, bool IsBaseAdmin, IBaseCommentsGrain Comments);

/// <summary>
/// The comment calls, at dtable-web's routes (/api/v2.1/dtables/{uuid}/comments…: a login token, or the base token
/// the Python client sends there) and at dtable-server's (v1 and v2, the API gateway's too: the base token only).
/// A login token is checked against the user's access to the base; a base token against its base and permission
/// (its scheme already checked signature, expiry and revocation). Readers list, writers comment.
/// </summary>
public abstract class CommentEndpointBase<TRequest, TResponse> : SeaTableEndpoint<TRequest, TResponse> where TRequest : CommentsRequest
{
    private const string WebPrefix = "/api/v2.1/dtables/{uuid}/";

    /// <summary>Which surface this class serves: dtable-web's routes, or dtable-server's (one class each, as their credentials differ).</summary>
    protected abstract bool OnWeb { get; }

    /// <summary>
    /// Maps <paramref name="path"/> on this class's surface: dtable-web's with a login token or a base token,
    /// dtable-server's (v1, v2, the gateway) with a base token only, refused in dtable-server's bodies.
    /// </summary>
    protected void CommentRoutes(string method, string path, bool write)
    {
        Verbs(method);
        if (OnWeb)
        {
            Routes((WebPrefix + path).TrimEnd('/'));
            AuthSchemes(Infrastructure.Authentication.AuthSchemes.LoginToken, Infrastructure.Authentication.AuthSchemes.BaseToken);
            Policies(write ? AuthPolicies.BaseWriteOrAccount : AuthPolicies.BaseReadOrAccount);
        }
        else
        {
            Routes(Infrastructure.BaseTokens.BaseRoutes.V1AndV2(path));
            AuthSchemes(Infrastructure.Authentication.AuthSchemes.BaseToken);
            Policies(write ? AuthPolicies.BaseWrite : AuthPolicies.BaseRead);
        }

        Options(builder => builder.WithMetadata(new TokenUsage(write ? "base_write" : "base_read")));
    }

    /// <summary>dtable-web's route (its bodies) rather than dtable-server's.</summary>
    protected bool IsWebRoute => HttpContext.Request.Path.StartsWithSegments("/api/v2.1", StringComparison.OrdinalIgnoreCase);

    /// <summary>The caller, or null after answering 403 "Permission denied." (404 for a uuid that is none).</summary>
    protected async Task<CommentCaller?> AccessAsync(TRequest req, bool write)
    {
        if (!Guid.TryParse(req.Uuid, out var uuid))
        {
            await NotFoundAsync("dtable not found.");
            return null;
        }

        var comments = Grains.GetGrain<IBaseCommentsGrain>(uuid);
        if (User.FindFirst(TokenClaims.DTableUuid)?.Value is { } granted)
        {
            var permission = User.FindFirst(TokenClaims.Permission)?.Value;
            if (!Guid.TryParse(granted, out var tokenUuid) || tokenUuid != uuid || (write && permission != SharePermission.ReadWrite))
            {
                await ForbiddenAsync();
                return null;
            }

            return new CommentCaller(uuid, User.FindFirst(TokenClaims.Actor)!.Value, permission == SharePermission.ReadWrite, false, comments);
        }

        // A login token: dtable-web's routes only (dtable-server knows base tokens alone).
        var access = IsWebRoute ? await Grains.GetGrain<IDTableGrain>(uuid).GetAccess(CallerId) : AccessLevel.None;
        if (access == AccessLevel.None || (write && access < AccessLevel.ReadWrite))
        {
            await ForbiddenAsync();
            return null;
        }

        return new CommentCaller(uuid, CallerId, access >= AccessLevel.ReadWrite, access == AccessLevel.Admin, comments);
    }

    /// <summary>A failed change in the surface's body: a missing row as dtable-server's typed error, others as {"error_msg"}.</summary>
    protected Task SendFailureAsync(CommentError error) => error switch
    {
        CommentError.RowNotFound when !IsWebRoute =>
            ApiErrors.WriteTypedErrorAsync(HttpContext, StatusCodes.Status400BadRequest, "row_not_exist", "Row does not exist."),
        CommentError.RowNotFound => NotFoundAsync("row not found."),
        CommentError.CommentNotFound => NotFoundAsync("comment not found."),
        _ => ForbiddenAsync(),
    };

    protected Task SendSuccessAsync(int status = StatusCodes.Status200OK) => JsonAsync(new SuccessResponse(), status);
}
