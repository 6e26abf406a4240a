using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>GET …/dtable/{name}/share/: the users the base is shared with (owner only).</summary>
public sealed class ListSharesEndpoint : ShareEndpointBase<ShareRouteRequest, ShareUserListResponse>
{
    public override void Configure()
    {
        Get(Route);
        Summary(s => s.Summary = "List the users a base is shared with (base owner)");
    }

    public override async Task HandleAsync(ShareRouteRequest req, CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync(req) is not { } found)
        {
            return;
        }

        var dtable = Grains.GetGrain<IDTableGrain>(found.Uuid);
        if (await dtable.GetAccess(CallerId) != AccessLevel.Admin)
        {
            await ForbiddenAsync();
            return;
        }

        var shares = await dtable.ListShares();
        var profiles = await UserNames.ResolveAsync(Grains, shares.Select(s => s.UserId));
        await Send.OkAsync(new ShareUserListResponse([.. shares.Select(s => new ShareUserResponse(
            s.UserId, profiles.NameOf(s.UserId), profiles.GetValueOrDefault(s.UserId)?.ContactEmail ?? "", AvatarUrl: "", s.Permission))]), ct);
    }
}
