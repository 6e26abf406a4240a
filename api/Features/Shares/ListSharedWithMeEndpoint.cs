namespace SeaTable.Api.Features.Shares;

/// <summary>GET /api/v2.1/dtables/shared/: the bases other users shared with the caller.</summary>
public sealed class ListSharedWithMeEndpoint : SeaTableEndpoint<EmptyRequest, SharedTableListResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/dtables/shared");
        Summary(s => s.Summary = "List the bases other users shared with the caller (login token)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct) =>
        await Send.OkAsync(new SharedTableListResponse(await SharedBaseJson.ListForAsync(Grains, CallerId)), ct);
}
