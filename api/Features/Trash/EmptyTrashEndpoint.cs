using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Trash;

/// <summary>DELETE /api/v2.1/trash-dtables/: purges every base in the caller's trash for good.</summary>
public sealed class EmptyTrashEndpoint : SeaTableEndpoint<EmptyRequest, SuccessResponse>
{
    public override void Configure()
    {
        Delete("/api/v2.1/trash-dtables");
        Summary(s => s.Summary = "Purge every base in the caller's trash for good (login token)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        foreach (var table in await TrashedBases.LoadAsync(Grains, CallerId))
        {
            await Grains.GetGrain<IDTableGrain>(table.Uuid).Purge(CallerId);
        }

        await Send.OkAsync(new SuccessResponse(), ct);
    }
}
