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
public sealed class ApiTokensStatusEndpoint : SeaTableEndpoint<BaseRouteRequest, ApiTokenStatusResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/api-tokens-status");
        Summary(s => s.Summary = "Which apps are connected to the base now (any user with access)");
    }

    public override async Task HandleAsync(BaseRouteRequest req, CancellationToken ct)
    {
        var (workspaceId, name) = (req.WorkspaceId, req.Name);
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
        List<ApiTokenStatus> list = [.. result.Tokens!.Select(t => new ApiTokenStatus(t.AppName, connected.Contains(t.AppName), IsoTime.Format(t.LastAccess)))];
        await Send.OkAsync(new ApiTokenStatusResponse(list, list), ct);
    }
}
