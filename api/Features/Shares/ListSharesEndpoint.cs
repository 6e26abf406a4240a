using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>GET …/dtable/{name}/share/: the users the base is shared with (owner only).</summary>
public sealed class ListSharesEndpoint : ShareEndpointBase
{
    public override void Configure() => Get(Route);

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync() is not { } found)
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
        await JsonAsync(new Dictionary<string, object?>
        {
            ["user_list"] = shares.Select(s => new Dictionary<string, object?>
            {
                ["email"] = s.UserId,
                ["name"] = profiles.NameOf(s.UserId),
                ["contact_email"] = profiles.GetValueOrDefault(s.UserId)?.ContactEmail ?? "",
                ["avatar_url"] = "",
                ["permission"] = s.Permission,
            }).ToList(),
        });
    }
}
