using SeaTable.Api.Features.DTables;
using SeaTable.Api.Features.Shares;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.Workspaces;

/// <summary>
/// GET /api/v2.1/workspaces/[?detail=true|false]: the current SeaTable shape, a list holding the starred
/// bases, the bases shared with the caller, and the caller's personal workspace.
/// </summary>
public sealed class ListWorkspacesEndpoint : SeaTableEndpoint<ListWorkspacesRequest, WorkspaceListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/workspaces");
        Summary(s => s.Summary = "The caller's workspaces: starred, shared with the caller, and personal (login token)");
    }

    public override async Task HandleAsync(ListWorkspacesRequest req, CancellationToken ct)
    {
        var detail = req.Detail != "false";
        var profile = (await Grains.GetGrain<IAccountGrain>(CallerId).GetProfile())!;
        var entries = await Grains.GetGrain<IWorkspaceGrain>(profile.WorkspaceId).ListLive();
        var tables = (await BaseInfos.LoadAsync(Grains, entries.Select(e => e.DTableUuid))).Where(t => !t.Deleted).ToList();
        var names = await UserNames.ResolveAsync(Grains, tables.SelectMany(t => new[] { t.CreatorId, t.ModifierId }));

        var starred = new StarredWorkspaceEntry("", "starred", "starred", detail ? [] : null);
        var shared = new SharedWorkspaceEntry("", "shared", "shared",
            detail ? await SharedBaseJson.ListForAsync(Grains, CallerId) : null, detail ? [] : null);
        var personal = new PersonalWorkspaceEntry(profile.WorkspaceId, "personal", "personal", profile.Name, "Personal", [],
            detail ? [.. tables.Select(t => TableResponse.From(t, names) with { Starred = false })] : null);
        await Send.OkAsync(new WorkspaceListResponse([starred, shared, personal]), ct);
    }
}
