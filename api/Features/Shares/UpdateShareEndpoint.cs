namespace SeaTable.Api.Features.Shares;

/// <summary>PUT …/dtable/{name}/share/ with <c>email</c> and the new <c>permission</c>.</summary>
public sealed class UpdateShareEndpoint : ShareEndpointBase
{
    public override void Configure() => Put(Route);

    public override Task HandleAsync(CancellationToken ct) =>
        SetPermissionAsync((dtable, userId, permission) => dtable.UpdateShare(CallerId, userId, permission), ct);
}
