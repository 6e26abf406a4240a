using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>
/// The share calls of one base, /api/v2.1/workspace/{workspace_id}/dtable/{name}/share/: the target user is
/// <c>email</c>, a user id (…@auth.local) or a contact email.
/// </summary>
public abstract class ShareEndpointBase : SeaTableEndpoint
{
    protected const string Route = "/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/share";

    protected string BaseName => Route<string>("name")!;

    protected Task<BaseRef?> ResolveRouteBaseAsync() => ResolveBaseAsync(Route<long>("workspace_id"), BaseName);

    /// <summary>The target user, or null after answering 400 (no email) or 404 (unknown user).</summary>
    protected async Task<AccountProfile?> ResolveTargetAsync(RequestFields fields)
    {
        var email = fields.String("email")?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            await BadRequestAsync("email invalid.");
            return null;
        }

        var profile = await Grains.GetGrain<IAccountDirectoryGrain>(0).FindUser(email);
        if (profile is null)
        {
            await NotFoundAsync($"User {email} not found.");
        }

        return profile;
    }

    /// <summary>Reads email and permission, finds the base, applies the change and answers (add and update).</summary>
    protected async Task SetPermissionAsync(
        Func<IDTableGrain, string, string, Task<DTableResult>> change, CancellationToken cancellationToken)
    {
        if (await ReadFieldsAsync(cancellationToken) is not { } fields)
        {
            return;
        }

        if (await ReadPermissionAsync(fields) is not { } permission || await ResolveTargetAsync(fields) is not { } target
            || await ResolveRouteBaseAsync() is not { } found)
        {
            return;
        }

        await AnswerAsync(await change(Grains.GetGrain<IDTableGrain>(found.Uuid), target.Id, permission), target);
    }

    protected Task AnswerAsync(DTableResult result, AccountProfile target) => result.Error switch
    {
        DTableError.None => SuccessAsync(),
        DTableError.NotFound => NotFoundAsync($"dtable {BaseName} not found."),
        DTableError.AlreadyShared => ErrorAsync(StatusCodes.Status409Conflict, $"dtable {BaseName} already shared to {target.ContactEmail}."),
        DTableError.NotShared => NotFoundAsync($"dtable {BaseName} is not shared to {target.ContactEmail}."),
        DTableError.ShareWithOwner => BadRequestAsync("Can not share a base to its owner."),
        _ => ForbiddenAsync(),
    };
}
