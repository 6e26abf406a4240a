namespace SeaTable.Api.Features.Shares;

/// <summary>GET /api/v2.1/dtables/shared/: the bases other users shared with the caller.</summary>
public sealed class ListSharedWithMeEndpoint : SeaTableEndpoint
{
    public override void Configure() => Get("/api/v2.1/dtables/shared");

    public override async Task HandleAsync(CancellationToken ct) =>
        await JsonAsync(new Dictionary<string, object?> { ["table_list"] = await SharedBaseJson.ListForAsync(Grains, CallerId) });
}
