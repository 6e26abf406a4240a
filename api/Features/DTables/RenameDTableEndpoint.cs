using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// PUT /api/v2.1/workspace/{workspace_id}/dtable/: renames a base. The current name comes as
/// <c>old_name</c> (V2020) or <c>name</c> (later clients), the new one as <c>new_name</c>.
/// </summary>
public sealed class RenameDTableEndpoint : SeaTableEndpoint<RenameDTableRequest, TableEnvelope>
{
    public override void Configure()
    {
        Put("/api/v2.1/workspace/{workspace_id:long}/dtable");
        Summary(s => s.Summary = "Rename a base (base owner)");
    }

    public override async Task HandleAsync(RenameDTableRequest req, CancellationToken ct)
    {
        var (name, newName) = (req.CurrentName!, req.NewName!);
        if (await ResolveBaseAsync(req.WorkspaceId, name) is not { } found)
        {
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(found.Uuid).Rename(CallerId, newName);
        switch (result.Error)
        {
            case DTableError.None:
                await Send.OkAsync(new TableEnvelope(await TableResponse.FromAsync(Grains, result.Table!)), ct);
                break;
            case DTableError.NameTaken:
                await BadRequestAsync($"{newName} exists.");
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
