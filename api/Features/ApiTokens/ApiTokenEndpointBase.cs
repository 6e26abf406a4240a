using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>
/// The token calls of one base, /api/v2.1/workspace/{workspace_id}/dtable/{name}/api-tokens/[{app_name}/]:
/// only the base owner manages its tokens.
/// </summary>
public abstract class ApiTokenEndpointBase : SeaTableEndpoint
{
    protected const string Route = "/api/v2.1/workspace/{workspace_id:long}/dtable/{name}/api-tokens";

    /// <summary>The route's base grain, or null after answering 404 (workspace or base not found).</summary>
    protected async Task<IDTableGrain?> ResolveRouteBaseAsync() =>
        await ResolveBaseAsync(Route<long>("workspace_id"), Route<string>("name")!) is { } found
            ? Grains.GetGrain<IDTableGrain>(found.Uuid)
            : null;

    /// <summary>
    /// The route's app name. ASP.NET Core decodes every escape in a route value except %2F, which Django
    /// decodes too: an app name may contain '/'.
    /// </summary>
    protected string AppNameFromRoute() =>
        Route<string>("app_name")!.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Answers a failed token call with SeaTable's status and text; true when there was nothing to answer.</summary>
    protected async Task<bool> AnswerFailureAsync(ApiTokenResult result, string? permission = null)
    {
        switch (result.Error)
        {
            case ApiTokenError.None:
                return true;
            case ApiTokenError.NotFound:
                await NotFoundAsync($"dtable {Route<string>("name")} not found.");
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
