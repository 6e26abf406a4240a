using SeaTable.Api.Infrastructure.WriteOutcomes;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// PUT /api/v2.1/workspace/{workspace_id}/dtable/: renames a base. The current name comes as
/// <c>old_name</c> (V2020) or <c>name</c> (later clients), the new one as <c>new_name</c>.
/// </summary>
[RepeatableWrite]
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
        var uuid = RepeatMemory.RecalledBase(HttpContext);
        if (uuid is null)
        {
            if (await ResolveBaseAsync(req.WorkspaceId, name) is not { } found)
            {
                return;
            }

            uuid = RepeatMemory.RememberBase(HttpContext, found.Uuid);
        }

        // A repeat after the lost run renamed it finds the new name already there: the base answers as renamed.
        var result = await Grains.GetGrain<IDTableGrain>(uuid.Value).Rename(CallerId, newName);
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
