namespace SeaTable.Api.Features.Shares;

/// <summary>POST …/dtable/{name}/share/ with <c>email</c> and <c>permission</c> ("r" or "rw").</summary>
public sealed class AddShareEndpoint : ShareEndpointBase
{
    public override void Configure() => Post(Route);

    public override Task HandleAsync(CancellationToken ct) =>
        SetPermissionAsync((dtable, userId, permission) => dtable.Share(CallerId, userId, permission), ct);
}
