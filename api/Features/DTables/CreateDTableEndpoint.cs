using System.Globalization;
using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// POST /api/v2.1/dtables/: a new base in the caller's workspace. The workspace is named by
/// <c>workspace_id</c>, or by <c>owner</c> (V2020 clients send the owner's user id), or is the caller's own.
/// </summary>
public sealed class CreateDTableEndpoint : SeaTableEndpoint
{
    public override void Configure() => Post("/api/v2.1/dtables");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var owner = fields.String("owner");
        if (fields.Has("owner") && string.IsNullOrWhiteSpace(owner))
        {
            await BadRequestAsync("owner invalid.");
            return;
        }

        var name = fields.String("name");
        if (!BaseNames.IsValid(name))
        {
            await BadRequestAsync("name invalid.");
            return;
        }

        var caller = (await Grains.GetGrain<IAccountGrain>(CallerId).GetProfile())!;
        var workspaceId = caller.WorkspaceId;
        var workspaceText = fields.String("workspace_id");
        if (!string.IsNullOrEmpty(workspaceText))
        {
            if (!long.TryParse(workspaceText, NumberStyles.None, CultureInfo.InvariantCulture, out workspaceId))
            {
                await BadRequestAsync("workspace_id invalid.");
                return;
            }
        }
        else if (owner is not null && !IsCaller(owner, caller))
        {
            await ForbiddenAsync();
            return;
        }

        if (await GetWorkspaceAsync(workspaceId) is not { } workspace)
        {
            return;
        }

        if (workspace.OwnerId != CallerId)
        {
            await ForbiddenAsync();
            return;
        }

        var result = await Grains.GetGrain<IDTableDirectoryGrain>(0).CreateDTable(new DTableDraft(workspace.Id, workspace.OwnerId,
            workspace.OrgId, name!, CallerId, fields.String("color"), fields.String("text_color"), fields.String("icon")));
        if (result.Error == DTableError.NameTaken)
        {
            await BadRequestAsync($"Table {name} already exists in this workspace.");
            return;
        }

        await JsonAsync(new Dictionary<string, object?> { ["table"] = await TableJson.FromAsync(Grains, result.Table!) },
            StatusCodes.Status201Created);
    }

    private static bool IsCaller(string owner, AccountProfile caller) =>
        owner == caller.Id || string.Equals(owner.Trim(), caller.ContactEmail, StringComparison.OrdinalIgnoreCase);
}
