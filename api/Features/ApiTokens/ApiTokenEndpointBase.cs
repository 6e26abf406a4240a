using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>
/// The token calls of one base, /api/v2.1/workspace/{workspace_id}/dtable/{name}/api-tokens/[{app_name}/]:
/// only the base owner manages its tokens (login token).
/// </summary>
public abstract class ApiTokenEndpointBase<TRequest, TResponse> : SeaTableEndpoint<TRequest, TResponse> where TRequest : BaseRouteRequest
{
    protected const string Route = "/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/api-tokens";

    /// <summary>The route's base grain, or null after answering 404 (workspace or base not found).</summary>
    protected async Task<IDTableGrain?> ResolveRouteBaseAsync(TRequest req) =>
        await ResolveBaseAsync(req.WorkspaceId, req.Name) is { } found
            ? Grains.GetGrain<IDTableGrain>(found.Uuid)
            : null;

    /// <summary>Answers a failed token call with SeaTable's status and text; true when there was nothing to answer.</summary>
    protected async Task<bool> AnswerFailureAsync(TRequest req, ApiTokenResult result, string? permission = null)
    {
        switch (result.Error)
        {
            case ApiTokenError.None:
                return true;
            case ApiTokenError.NotFound:
                await NotFoundAsync($"dtable {req.Name} not found.");
                break;
            case ApiTokenError.AppNameTaken:
                await BadRequestAsync("api token already exist.");
                break;
            case ApiTokenError.TokenNotFound:
                await NotFoundAsync("api token not found.");
                break;
            case ApiTokenError.SamePermission:
                await BadRequestAsync($"api token already has {permission} permission.");
                break;
            default:
                await ForbiddenAsync();
                break;
        }

        return false;
    }
}
