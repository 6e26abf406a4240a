using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>DELETE …/dtable/{name}/share/ with <c>email</c>: stops sharing the base with that user.</summary>
public sealed class RemoveShareEndpoint : ShareChangeEndpointBase<RemoveShareRequest>
{
    public override void Configure()
    {
        Delete(Route);
        Summary(s => s.Summary = "Stop sharing a base with a user (base owner)");
    }

    public override async Task HandleAsync(RemoveShareRequest req, CancellationToken ct)
    {
        if (await ResolveTargetAsync(req) is not { } target || await ResolveRouteBaseAsync(req) is not { } found)
        {
            return;
        }

        await AnswerAsync(req, await Grains.GetGrain<IDTableGrain>(found.Uuid).Unshare(CallerId, target.Id), target);
    }
}
