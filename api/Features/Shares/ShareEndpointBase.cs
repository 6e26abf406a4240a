using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>
/// The share calls of one base, /api/v2.1/workspace/{workspace_id}/dtable/{name}/share/: the target user is
/// <c>email</c>, a user id (…@auth.local) or a contact email.
/// </summary>
public abstract class ShareEndpointBase<TRequest, TResponse> : SeaTableEndpoint<TRequest, TResponse> where TRequest : ShareRouteRequest
{
    protected const string Route = "/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/share";

    protected Task<BaseRef?> ResolveRouteBaseAsync(TRequest req) => ResolveBaseAsync(req.WorkspaceId, req.Name);
}

/// <summary>The calls that change one user's share: they name the target and answer {"success": true}.</summary>
public abstract class ShareChangeEndpointBase<TRequest> : ShareEndpointBase<TRequest, SuccessResponse> where TRequest : ShareTargetRequest
{

    /// <summary>The target user, or null after answering 404 (unknown user); the validator refused an empty email.</summary>
    protected async Task<AccountProfile?> ResolveTargetAsync(TRequest req)
    {
        var email = req.TrimmedEmail!;
        var profile = await Grains.GetGrain<IAccountDirectoryGrain>(0).FindUser(email);
        if (profile is null)
        {
            await NotFoundAsync($"User {email} not found.");
        }

        return profile;
    }

    /// <summary>The status of a successful change: 200, and 201 for a new share (SeaTable's DTableShareView.post).</summary>
    protected virtual int SuccessStatus => StatusCodes.Status200OK;

    protected Task AnswerAsync(TRequest req, DTableResult result, AccountProfile target) => result.Error switch
    {
        DTableError.None => Send.ResponseAsync(new SuccessResponse(), SuccessStatus),
        DTableError.NotFound => NotFoundAsync($"dtable {req.Name} not found."),
        DTableError.AlreadyShared => ErrorAsync(StatusCodes.Status409Conflict, $"dtable {req.Name} already shared to {target.ContactEmail}."),
        DTableError.NotShared => NotFoundAsync($"dtable {req.Name} is not shared to {target.ContactEmail}."),
        DTableError.ShareWithOwner => BadRequestAsync("Can not share a base to its owner."),
        _ => ForbiddenAsync(),
    };
}

/// <summary>Add and update: find the target and the base, apply the change and answer.</summary>
public abstract class SetShareEndpointBase : ShareChangeEndpointBase<SetShareRequest>
{
    protected abstract Task<DTableResult> ChangeAsync(IDTableGrain dtable, string userId, string permission);

    public sealed override async Task HandleAsync(SetShareRequest req, CancellationToken ct)
    {
        if (await ResolveTargetAsync(req) is not { } target || await ResolveRouteBaseAsync(req) is not { } found)
        {
            return;
        }

        await AnswerAsync(req, await ChangeAsync(Grains.GetGrain<IDTableGrain>(found.Uuid), target.Id, req.Permission!), target);
    }
}
