using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Shares;

/// <summary>PUT …/dtable/{name}/share/ with <c>email</c> and the new <c>permission</c>.</summary>
public sealed class UpdateShareEndpoint : SetShareEndpointBase
{
    public override void Configure()
    {
        Put(Route);
        Summary(s => s.Summary = "Change a user's permission on a shared base (base owner)");
    }

    protected override Task<DTableResult> ChangeAsync(IDTableGrain dtable, string userId, string permission) =>
        dtable.UpdateShare(CallerId, userId, permission);
}
