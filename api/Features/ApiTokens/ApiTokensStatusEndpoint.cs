using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Connections;
using SeaTable.Grains.DTables;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>
/// GET /api/v2.1/workspace/{workspace_id}/dtable/{name}/api-tokens-status/ (E8): per app, whether it holds a
/// live socket in the base's room now, and its last_access. Any user with access to the base may ask. The
/// list is returned under "api_status_list" (the real server) and "app_status" (the seed's text).
/// </summary>
public sealed class ApiTokensStatusEndpoint : SeaTableEndpoint
{
    public override void Configure() => Get("/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/api-tokens-status");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var workspaceId = Route<long>("workspace_id");
        var name = Route<string>("name")!;
        if (await GetWorkspaceAsync(workspaceId) is null)
        {
            return;
        }

        if (await Grains.GetGrain<IWorkspaceGrain>(workspaceId).Resolve(name) is not { } uuid)
        {
            await NotFoundAsync($"Table {name} not found.");
            return;
        }

        var result = await Grains.GetGrain<IDTableGrain>(uuid).ListApiTokenStatus(CallerId);
        switch (result.Error)
        {
            case ApiTokenError.NotFound:
                await NotFoundAsync($"Table {name} not found.");
                return;
            case ApiTokenError.PermissionDenied:
                await ForbiddenAsync();
                return;
        }

        var connected = (await Grains.GetGrain<IBaseConnectionsGrain>(uuid).GetConnectedApps()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var list = result.Tokens!.Select(t => new Dictionary<string, object?>
        {
            ["app_name"] = t.AppName,
            ["connected"] = connected.Contains(t.AppName),
            ["last_access"] = IsoTime.Format(t.LastAccess),
        }).ToList();
        await JsonAsync(new Dictionary<string, object?> { ["api_status_list"] = list, ["app_status"] = list });
    }
}
