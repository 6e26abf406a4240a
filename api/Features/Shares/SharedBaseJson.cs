using SeaTable.Grains.Accounts;
using SeaTable.Api.Features.DTables;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>The bases shared with a user, as the workspaces and shared-dtables calls list them.</summary>
public static class SharedBaseJson
{
    public static async Task<List<TableResponse>> ListForAsync(IGrainFactory grains, string userId)
    {
        var uuids = await grains.GetGrain<IAccountGrain>(userId).GetSharedBases();
        var tables = await BaseInfos.LoadAsync(grains, uuids);
        var shares = await Task.WhenAll(tables.Select(t => grains.GetGrain<IDTableGrain>(t.Uuid).ListShares()));
        var names = await UserNames.ResolveAsync(grains, tables.SelectMany(t => new[] { t.CreatorId, t.ModifierId, t.OwnerId }));

        var list = new List<TableResponse>();
        foreach (var (table, tableShares) in tables.Zip(shares))
        {
            // The account's list can be stale (an unshare interrupted half-way); the base's own shares decide.
            if (table.Deleted || tableShares.FirstOrDefault(s => s.UserId == userId) is not { } share)
            {
                continue;
            }

            list.Add(TableResponse.From(table, names) with
            {
                FromUser = table.OwnerId,
                FromUserName = names.NameOf(table.OwnerId),
                FromUserType = "Personal",
                Permission = share.Permission,
            });
        }

        return list;
    }
}
