using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// PUT /api/v2.1/workspace/{workspace_id}/dtable/: renames a base. The current name comes as
/// <c>old_name</c> (V2020) or <c>name</c> (later clients), the new one as <c>new_name</c>.
/// </summary>
public sealed class RenameDTableEndpoint : SeaTableEndpoint
{
    public override void Configure() => Put("/api/v2.1/workspace/{workspace_id:long}/dtable");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var name = fields.String("old_name") ?? fields.String("name");
        if (string.IsNullOrEmpty(name))
        {
            await BadRequestAsync("name invalid.");
            return;
        }

        var newName = fields.String("new_name");
        if (!BaseNames.IsValid(newName))
        {
            await BadRequestAsync("new_name invalid.");
            return;
        }

        if (await ResolveBaseAsync(Route<long>("workspace_id"), name) is not { } found)
        {
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(found.Uuid).Rename(CallerId, newName!);
        switch (result.Error)
        {
            case DTableError.None:
                await JsonAsync(new Dictionary<string, object?> { ["table"] = await TableJson.FromAsync(Grains, result.Table!) });
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
