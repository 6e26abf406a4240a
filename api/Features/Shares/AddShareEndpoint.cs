using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>POST …/dtable/{name}/share/ with <c>email</c> and <c>permission</c> ("r" or "rw").</summary>
public sealed class AddShareEndpoint : ShareEndpointBase
{
    public override void Configure() => Post(Route);

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var permission = fields.String("permission");
        if (!await CheckPermissionFieldAsync(permission) || await ResolveTargetAsync(fields) is not { } target
            || await ResolveRouteBaseAsync() is not { } found)
        {
            return;
        }

        await AnswerAsync(await Grains.GetGrain<IDTableGrain>(found.Uuid).Share(CallerId, target.Id, permission!), target);
    }
}
