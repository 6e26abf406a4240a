using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.BaseAccess;

/// <summary>
/// GET /api/v2.1/workspace/{workspace_id}/dtable/{name}/access-token/ (reference 8.7): the caller's own base
/// token, with "username" = the caller and the caller's permission (owner and "rw" share: rw; "r" share: r).
/// Any user with access to the base may ask; others get 403.
/// </summary>
public sealed class UserAccessTokenEndpoint : SeaTableEndpoint<UserAccessTokenRequest, UserAccessTokenResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/access-token");
        Summary(s => s.Summary = "The caller's own base token for a base they can access (login token)");
    }

    public override async Task HandleAsync(UserAccessTokenRequest req, CancellationToken ct)
    {
        if (await ResolveBaseAsync(req.WorkspaceId, req.Name) is not { } found)
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
        var server = PublicBase();
        await Send.OkAsync(new UserAccessTokenResponse(
            AccessToken: accessToken,
            DTableUuid: table.Uuid.ToString(),
            DTableServer: server + "dtable-server/",
            DTableSocket: server,
            DTableDb: server + "dtable-db/",
            WorkspaceId: table.WorkspaceId,
            DTableName: table.Name,
            Permission: permission,
            UseApiGateway: false), ct);
    }
}
