using SeaTable.Api.Features.Shares;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.Workspaces;

/// <summary>
/// GET /api/v2.1/workspaces/[?detail=true|false]: the current SeaTable shape, a list holding the starred
/// bases, the bases shared with the caller, and the caller's personal workspace.
/// </summary>
public sealed class ListWorkspacesEndpoint : SeaTableEndpoint
{
    public override void Configure() => Get("/api/v2.1/workspaces");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var detailText = Query<string>("detail", isRequired: false);
        if (detailText is not (null or "" or "true" or "false"))
        {
            await BadRequestAsync("detail invalid");
            return;
        }

        var detail = detailText != "false";
        var profile = (await Grains.GetGrain<IAccountGrain>(CallerId).GetProfile())!;
        var entries = await Grains.GetGrain<IWorkspaceGrain>(profile.WorkspaceId).ListLive();
        var tables = (await BaseInfos.LoadAsync(Grains, entries.Select(e => e.DTableUuid))).Where(t => !t.Deleted).ToList();
        var names = await UserNames.ResolveAsync(Grains, tables.SelectMany(t => new[] { t.CreatorId, t.ModifierId }));

        var starred = new Dictionary<string, object?> { ["id"] = "", ["name"] = "starred", ["type"] = "starred" };
        var shared = new Dictionary<string, object?> { ["id"] = "", ["name"] = "shared", ["type"] = "shared" };
        var personal = new Dictionary<string, object?>
        {
            ["id"] = profile.WorkspaceId,
            ["name"] = "personal",
            ["type"] = "personal",
            ["owner_name"] = profile.Name,
            ["owner_type"] = "Personal",
            ["folders"] = new List<object>(),
        };

        if (detail)
        {
            starred["table_list"] = new List<object>();
            shared["shared_table_list"] = await SharedBaseJson.ListForAsync(Grains, CallerId);
            shared["shared_view_list"] = new List<object>();
            personal["table_list"] = tables.Select(t =>
            {
                var json = TableJson.From(t, names);
                json["starred"] = false;
                return json;
            }).ToList();
        }

        await JsonAsync(new Dictionary<string, object?> { ["workspace_list"] = new[] { starred, shared, personal } });
    }
}
