using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.Trash;

/// <summary>The trash of a user's personal workspace.</summary>
public static class TrashedBases
{
    /// <summary>The user's trashed bases, newest deletion first.</summary>
    public static async Task<List<DTableInfo>> LoadAsync(IGrainFactory grains, string userId)
    {
        var profile = (await grains.GetGrain<IAccountGrain>(userId).GetProfile())!;
        var uuids = await grains.GetGrain<IWorkspaceGrain>(profile.WorkspaceId).ListTrashed();
        var tables = await BaseInfos.LoadAsync(grains, uuids);
        return [.. tables.Where(t => t.Deleted).OrderByDescending(t => t.DeleteTime).ThenByDescending(t => t.Id)];
    }
}
