using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.WriteOutcomes;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.DTables;

/// <summary>
/// POST /api/v2.1/dtables/: a new base in the caller's workspace. The workspace is named by
/// <c>workspace_id</c>, or by <c>owner</c> (V2020 clients send the owner's user id), or is the caller's own.
/// A create is idempotent for the same caller and fields (the base answers a retry as the first call would
/// have), so a run cut off by a failure is repeated.
/// </summary>
[RepeatableWrite]
public sealed class CreateDTableEndpoint : SeaTableEndpoint<CreateDTableRequest, TableEnvelope>
{
    public override void Configure()
    {
        Post("/api/v2.1/dtables");
        Summary(s => s.Summary = "Create a base in a workspace (the workspace's owner)");
        Description(b => b.ClearDefaultProduces().Produces<TableEnvelope>(StatusCodes.Status201Created));
    }

    public override async Task HandleAsync(CreateDTableRequest req, CancellationToken ct)
    {
        var caller = (await Grains.GetGrain<IAccountGrain>(CallerId).GetProfile())!;
        var workspaceId = caller.WorkspaceId;
        if (!string.IsNullOrEmpty(req.WorkspaceId))
        {
            workspaceId = req.ParsedWorkspaceId!.Value;
        }
        else if (req.Owner is { } owner && !IsCaller(owner, caller))
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
            workspace.OrgId, req.Name!, CallerId, req.Color, req.TextColor, req.Icon));
        if (result.Error == DTableError.NameTaken)
        {
            await BadRequestAsync($"Table {req.Name} already exists in this workspace.");
            return;
        }

        await Send.ResponseAsync(new TableEnvelope(await TableResponse.FromAsync(Grains, result.Table!)), StatusCodes.Status201Created, ct);
    }

    private static bool IsCaller(string owner, AccountProfile caller) =>
        owner == caller.Id || string.Equals(owner.Trim(), caller.ContactEmail, StringComparison.OrdinalIgnoreCase);
}
