using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.AppAccess;

/// <summary>A user as the app calls show one (dtable-web's user info: id, name, contact email).</summary>
public sealed record AppUserResponse(string Email, string Name, string ContactEmail, string AvatarUrl, string IdInOrg)
{
    public static AppUserResponse From(AccountProfile profile) => new(profile.Id, profile.Name, profile.ContactEmail, "", "");
}

/// <summary>{"user_list": [...]}: the base's collaborators.</summary>
public sealed record RelatedUsersResponse(IReadOnlyList<AppUserResponse> UserList);

/// <summary>
/// The users related to a base, as dtable-web's related-users lists them: the owner of its workspace and every
/// user it is shared with, active accounts only.
/// </summary>
public static class RelatedUsers
{
    public static async Task<IReadOnlyList<AccountProfile>> OfAsync(IGrainFactory grains, Guid uuid)
    {
        var dtable = grains.GetGrain<IDTableGrain>(uuid);
        if (await dtable.GetInfo() is not { Deleted: false } info)
        {
            return [];
        }

        var ids = new List<string> { info.OwnerId };
        ids.AddRange((await dtable.ListShares()).Select(s => s.UserId));
        var profiles = await UserNames.ResolveAsync(grains, ids.Distinct(StringComparer.Ordinal));
        return [.. ids.Distinct(StringComparer.Ordinal).Select(id => profiles.GetValueOrDefault(id)).OfType<AccountProfile>().Where(p => p.IsActive)];
    }
}
