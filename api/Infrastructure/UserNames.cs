using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Infrastructure;

/// <summary>Display names for user ids (SeaTable shows creator and modifier as names, not ids).</summary>
public static class UserNames
{
    public static async Task<IReadOnlyDictionary<string, AccountProfile?>> ResolveAsync(IGrainFactory grains, IEnumerable<string> userIds)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var profiles = await Task.WhenAll(ids.Select(id => grains.GetGrain<IAccountGrain>(id).GetProfile()));
        return ids.Zip(profiles).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    public static string NameOf(this IReadOnlyDictionary<string, AccountProfile?> names, string userId) =>
        names.TryGetValue(userId, out var profile) && profile is not null ? profile.Name : userId;
}
