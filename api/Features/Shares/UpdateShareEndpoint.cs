using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>PUT …/dtable/{name}/share/ with <c>email</c> and the new <c>permission</c>.</summary>
public sealed class UpdateShareEndpoint : ShareEndpointBase
{
    public override void Configure() => Put(Route);

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

        await AnswerAsync(await Grains.GetGrain<IDTableGrain>(found.Uuid).UpdateShare(CallerId, target.Id, permission!), target);
    }
}
