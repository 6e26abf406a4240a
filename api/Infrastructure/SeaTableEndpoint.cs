using Microsoft.AspNetCore.Builder;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SeaTable.Grains.Workspaces;

namespace SeaTable.Api.Infrastructure;

/// <summary>
/// Base of every endpoint: the caller, the grains, and SeaTable's bodies. The request record is filled by
/// <see cref="Binding.SeaTableRequestBinder{TRequest}"/> and checked by its validator before the handler runs;
/// the handler calls grains and shapes the answer; the rules themselves live in the grains.
/// </summary>
public abstract class SeaTableEndpoint<TRequest, TResponse> : Endpoint<TRequest, TResponse> where TRequest : notnull
{
    protected IGrainFactory Grains => HttpContext.RequestServices.GetRequiredService<IGrainFactory>();

    /// <summary>Grain references without Orleans' per-call reflection: for calls on every request of a hot path.</summary>
    protected GrainReferences GrainRefs => HttpContext.RequestServices.GetRequiredService<GrainReferences>();

    /// <summary>The authenticated user's virtual id.</summary>
    protected string CallerId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The endpoint requires an authenticated caller.");

    /// <summary>Where this server is reached, ending in "/": the configured public URL, else the request's own.</summary>
    protected string PublicBase() =>
        BaseTokens.PublicBaseUrl.Of(HttpContext.Request, HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<BaseTokens.PublicUrlOptions>>().Value);

    protected Task ErrorAsync(int status, string message) => ApiErrors.WriteErrorAsync(HttpContext, status, message);

    protected Task BadRequestAsync(string message) => ErrorAsync(StatusCodes.Status400BadRequest, message);

    protected Task NotFoundAsync(string message) => ErrorAsync(StatusCodes.Status404NotFound, message);

    protected Task ForbiddenAsync() => ErrorAsync(StatusCodes.Status403Forbidden, "Permission denied.");

    protected Task JsonAsync(object body, int status = StatusCodes.Status200OK) =>
        HttpContext.Response.SendAsync(body, status, cancellation: HttpContext.RequestAborted);

    /// <summary>The workspace of the route, or null after answering 404 "Workspace N not found.".</summary>
    protected async Task<WorkspaceInfo?> GetWorkspaceAsync(long workspaceId)
    {
        var workspace = await Grains.GetGrain<IWorkspaceGrain>(workspaceId).GetInfo();
        if (workspace is null)
        {
            await NotFoundAsync($"Workspace {workspaceId} not found.");
        }

        return workspace;
    }

    /// <summary>The live base of that name in the workspace, or null after answering 404.</summary>
    protected async Task<BaseRef?> ResolveBaseAsync(long workspaceId, string name)
    {
        if (await GetWorkspaceAsync(workspaceId) is not { } workspace)
        {
            return null;
        }

        var uuid = await Grains.GetGrain<IWorkspaceGrain>(workspaceId).Resolve(name);
        if (uuid is null)
        {
            await NotFoundAsync($"dtable {name} not found.");
            return null;
        }

        return new BaseRef(workspace, uuid.Value);
    }

    /// <summary>Reads ?page and ?per_page; null after answering 400 when either is not a positive integer.</summary>
    protected async Task<Paging?> ReadPagingAsync(int defaultPerPage, string invalidMessage = "per_page or page invalid.")
    {
        if (Paging.TryParse(HttpContext.Request.Query, defaultPerPage, out var paging))
        {
            return paging;
        }

        await BadRequestAsync(invalidMessage);
        return null;
    }
}

/// <summary>A live base found by workspace and name.</summary>
public sealed record BaseRef(WorkspaceInfo Workspace, Guid Uuid);
