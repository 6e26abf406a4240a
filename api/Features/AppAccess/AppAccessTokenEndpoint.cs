using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.AppAccess;

/// <summary>
/// GET /api/v2.1/dtable/app-access-token/ with "Authorization: Token|Bearer &lt;api token&gt;" (E5): the
/// base token (JWT) and where the base is served. Moves the token's last_access (written behind).
/// The seed's misspelt path /api/v2.1/dtables/app-access-token/ is answered too.
/// </summary>
public sealed class AppAccessTokenEndpoint : AppTokenEndpoint
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "access_token", TouchesLastAccess: true, IssuesJwt: true), "/api/v2.1/dtable/app-access-token", "/api/v2.1/dtables/app-access-token");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (use, tokenId) = ApiCaller;

        var token = use.Token!;
        var accessToken = Resolve<BaseTokenIssuer>().Issue(new BaseTokenGrant(
            token.DTableUuid, token.Permission, use.OrgId, use.OwnerId!, Username: "", token.AppName, tokenId, token.Version));
        Resolve<SeaTable.Grains.Common.SeaTableMetrics>().TokensExchanged.Add(1);
        var server = PublicBase();
        await JsonAsync(new Dictionary<string, object?>
        {
            ["app_name"] = token.AppName,
            ["access_token"] = accessToken,
            ["dtable_uuid"] = token.DTableUuid.ToString(),
            ["dtable_server"] = server + "dtable-server/",
            ["dtable_socket"] = server,
            ["dtable_db"] = server + "dtable-db/",
            ["workspace_id"] = use.WorkspaceId,
            ["dtable_name"] = use.BaseName,
            ["use_api_gateway"] = false,
        });
    }
}
