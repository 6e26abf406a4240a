using SeaTable.Api.Infrastructure.BaseTokens;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.AppAccess;

/// <summary>
/// GET /api/v2.1/workspace/{workspace_id}/dtable/{name}/temp-api-token/ (reference 8.8, login token): a temporary
/// API token for the base, valid for an hour (SeaTable:Jwt:TempApiTokenLifetime), that the Python client's
/// Account.get_base hands to Base.auth(). Any user with access to the base may ask; it grants what that user may
/// do, and stops working once the user loses access. Others get 403 "Permission denied.".
/// </summary>
public sealed class TempApiTokenEndpoint : SeaTableEndpoint<TempApiTokenRequest, TempApiTokenResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/temp-api-token");
        Summary(s => s.Summary = "A one-hour API token for a base the caller can access (login token)");
    }

    public override async Task HandleAsync(TempApiTokenRequest req, CancellationToken ct)
    {
        if (await ResolveBaseAsync(req.WorkspaceId, req.Name) is not { } found)
        {
            return;
        }

        if (await Grains.GetGrain<IDTableGrain>(found.Uuid).GetAccess(CallerId) == AccessLevel.None)
        {
            await ForbiddenAsync();
            return;
        }

        await Send.OkAsync(new TempApiTokenResponse(Resolve<TempApiTokens>().Issue(found.Uuid, CallerId)), ct);
    }
}

public sealed record TempApiTokenRequest
{
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's name (URL-encoded).")]
    public string Name { get; init; } = "";
}

/// <summary>{"api_token": "&lt;jwt&gt;"}: usable wherever an API token is (app-access-token/, the asset links).</summary>
public sealed record TempApiTokenResponse(string ApiToken);
