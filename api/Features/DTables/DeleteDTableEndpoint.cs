using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// DELETE /api/v2.1/workspace/{workspace_id}/dtable/ with the base's <c>name</c> in the body: moves the base
/// to the trash. Its name is free at once; the base is purged after the retention period.
/// </summary>
public sealed class DeleteDTableEndpoint : SeaTableEndpoint
{
    public override void Configure() => Delete("/api/v2.1/workspace/{workspace_id:long}/dtable");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var name = fields.String("name") ?? Query<string>("name", isRequired: false);
        if (string.IsNullOrEmpty(name))
        {
            await BadRequestAsync("name invalid.");
            return;
        }

        if (await ResolveBaseAsync(Route<long>("workspace_id"), name) is not { } found)
        {
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(found.Uuid).MoveToTrash(CallerId);
        switch (result.Error)
        {
            case DTableError.None:
                await SuccessAsync();
                break;
            case DTableError.NotFound:
                await NotFoundAsync($"dtable {name} not found.");
                break;
            default:
                await ForbiddenAsync();
                break;
        }
    }
}
