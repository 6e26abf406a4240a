using SeaTable.Grains.DTables;

namespace SeaTable.Api.Infrastructure;

public static class BaseInfos
{
    /// <summary>The bases that still exist, fetched from their grains in parallel, oldest first.</summary>
    public static async Task<List<DTableInfo>> LoadAsync(IGrainFactory grains, IEnumerable<Guid> uuids)
    {
        var infos = await Task.WhenAll(uuids.Select(uuid => grains.GetGrain<IDTableGrain>(uuid).GetInfo()));
        return [.. infos.OfType<DTableInfo>().OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)];
    }
}
