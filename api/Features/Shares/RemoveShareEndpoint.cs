using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>DELETE …/dtable/{name}/share/ with <c>email</c>: stops sharing the base with that user.</summary>
public sealed class RemoveShareEndpoint : ShareEndpointBase
{
    public override void Configure() => Delete(Route);

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields || await ResolveTargetAsync(fields) is not { } target
            || await ResolveRouteBaseAsync() is not { } found)
        {
            return;
        }

        await AnswerAsync(await Grains.GetGrain<IDTableGrain>(found.Uuid).Unshare(CallerId, target.Id), target);
    }
}
