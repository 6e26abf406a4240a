using SeaTable.Grains.Accounts;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.Trash;

/// <summary>GET /api/v2.1/trash-dtables/?page&amp;per_page: the caller's trashed bases, newest deletion first.</summary>
public sealed class ListTrashEndpoint : SeaTableEndpoint
{
    public override void Configure() => Get("/api/v2.1/trash-dtables");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadPagingAsync(defaultPerPage: 25) is not { } paging)
        {
            return;
        }

        var trashed = await TrashedBases.LoadAsync(Grains, CallerId);
        var page = trashed.Skip(paging.Offset).Take(paging.PerPage).ToList();
        var names = await UserNames.ResolveAsync(Grains, page.SelectMany(t => new[] { t.CreatorId, t.ModifierId }));
        await JsonAsync(new Dictionary<string, object?>
        {
            ["count"] = trashed.Count,
            ["trash_dtable_list"] = page.Select(t => TableJson.WithTrash(t, names)).ToList(),
        });
    }
}
