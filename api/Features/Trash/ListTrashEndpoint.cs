using Microsoft.Extensions.Options;
using SeaTable.Grains.Common;
using SeaTable.Api.Features.DTables;

namespace SeaTable.Api.Features.Trash;

/// <summary>GET /api/v2.1/trash-dtables/?page&amp;per_page: the caller's trashed bases, newest deletion first.</summary>
public sealed class ListTrashEndpoint : SeaTableEndpoint<ListTrashRequest, TrashListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/trash-dtables");
        Summary(s => s.Summary = "List the caller's trashed bases, newest deletion first (login token)");
    }

    public override async Task HandleAsync(ListTrashRequest req, CancellationToken ct)
    {
        // Paging reads the query itself: its "per_page or page invalid." covers both values at once.
        if (await ReadPagingAsync(defaultPerPage: 25) is not { } paging)
        {
            return;
        }

        var trashed = await TrashedBases.LoadAsync(Grains, CallerId);
        var page = trashed.Skip(paging.Offset).Take(paging.PerPage).ToList();
        var names = await UserNames.ResolveAsync(Grains, page.SelectMany(t => new[] { t.CreatorId, t.ModifierId }));
        var retention = Resolve<IOptions<TrashOptions>>().Value.Retention;
        var now = Resolve<TimeProvider>().GetUtcNow();
        await Send.OkAsync(new TrashListResponse(trashed.Count, [.. page.Select(t => TableResponse.WithTrash(t, names, retention, now))]), ct);
    }
}
