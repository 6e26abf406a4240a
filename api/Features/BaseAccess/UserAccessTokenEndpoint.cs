using Microsoft.Extensions.Options;
using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.BaseAccess;

/// <summary>
/// GET /api/v2.1/workspace/{workspace_id}/dtable/{name}/access-token/ (reference 8.7): the caller's own base
/// token, with "username" = the caller and the caller's permission (owner and "rw" share: rw; "r" share: r).
/// Any user with access to the base may ask; others get 403.
/// </summary>
public sealed class UserAccessTokenEndpoint : SeaTableEndpoint
{
    public override void Configure() => Get("/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/access-token");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var workspaceId = Route<long>("workspace_id");
        if (await ResolveBaseAsync(workspaceId, Route<string>("name")!) is not { } found)
        {
            return;
        }

        var grain = Grains.GetGrain<IDTableGrain>(found.Uuid);
        var access = await grain.GetAccess(CallerId);
        if (access == AccessLevel.None || await grain.GetInfo() is not { } table)
        {
            await ForbiddenAsync();
            return;
        }

        var permission = access >= AccessLevel.ReadWrite ? SharePermission.ReadWrite : SharePermission.Read;
        var accessToken = Resolve<BaseTokenIssuer>().Issue(new BaseTokenGrant(
            table.Uuid, permission, table.OrgId, table.OwnerId, CallerId, AppName: null, TokenId: null, TokenVersion: null));
        var server = PublicBaseUrl.Of(HttpContext.Request, Resolve<IOptions<PublicUrlOptions>>().Value);
        await JsonAsync(new Dictionary<string, object?>
        {
            ["access_token"] = accessToken,
            ["dtable_uuid"] = table.Uuid.ToString(),
            ["dtable_server"] = server + "dtable-server/",
            ["dtable_socket"] = server,
            ["dtable_db"] = server + "dtable-db/",
            ["workspace_id"] = table.WorkspaceId,
            ["dtable_name"] = table.Name,
            ["permission"] = permission,
            ["use_api_gateway"] = false,
        });
    }
}
