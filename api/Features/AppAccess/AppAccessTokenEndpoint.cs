using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.AppAccess;

/// <summary>
/// GET /api/v2.1/dtable/app-access-token/ with "Authorization: Token|Bearer &lt;api token&gt;" (E5): the
/// base token (JWT) and where the base is served. Moves the token's last_access (written behind).
/// The seed's misspelt path /api/v2.1/dtables/app-access-token/ is answered too.
/// </summary>
public sealed class AppAccessTokenEndpoint : AppTokenEndpoint<EmptyRequest, AppAccessTokenResponse>
{
    public override void Configure()
    {
        AppTokenGet(new(Kind: "access_token", TouchesLastAccess: true, IssuesJwt: true), "/api/v2.1/dtable/app-access-token", "/api/v2.1/dtables/app-access-token");
        Summary(s => s.Summary = "Exchange an API token for a base token (JWT) and the base's servers");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        var (use, tokenId, tempUser) = ApiCaller;

        var token = use.Token!;
        // A temporary token's base token is its user's own (username set, no API token behind it), so it is
        // checked against the user's access on every call, as the access-token/ one is.
        var accessToken = Resolve<BaseTokenIssuer>().Issue(tempUser is not null
            ? new BaseTokenGrant(token.DTableUuid, token.Permission, use.OrgId, use.OwnerId!, tempUser, AppName: null, TokenId: null, TokenVersion: null)
            : new BaseTokenGrant(token.DTableUuid, token.Permission, use.OrgId, use.OwnerId!, Username: "", token.AppName, tokenId, token.Version));
        Resolve<SeaTable.Grains.Common.SeaTableMetrics>().TokensExchanged.Add(1);
        var server = PublicBase();
        await Send.OkAsync(new AppAccessTokenResponse(
            AppName: token.AppName,
            AccessToken: accessToken,
            DTableUuid: token.DTableUuid.ToString(),
            DTableServer: server + "dtable-server/",
            DTableSocket: server,
            DTableDb: server + "dtable-db/",
            WorkspaceId: use.WorkspaceId,
            DTableName: use.BaseName,
            UseApiGateway: false), ct);
    }
}

/// <summary>
/// The base token and where the base is served. use_api_gateway is false: the clients then call dtable-server's v1
/// routes, which this server answers (v2 too).
/// </summary>
public sealed record AppAccessTokenResponse(
    string AppName,
    string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("dtable_uuid")] string DTableUuid,
    [property: System.Text.Json.Serialization.JsonPropertyName("dtable_server")] string DTableServer,
    [property: System.Text.Json.Serialization.JsonPropertyName("dtable_socket")] string DTableSocket,
    [property: System.Text.Json.Serialization.JsonPropertyName("dtable_db")] string DTableDb,
    long WorkspaceId,
    [property: System.Text.Json.Serialization.JsonPropertyName("dtable_name")] string? DTableName,
    bool UseApiGateway);
