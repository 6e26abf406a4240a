namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET /dtable-server/ping/ and GET …/api/v2/ping/ (dtable-server and the API gateway): "pong", no token needed.</summary>
public sealed class BaseServerPingEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/dtable-server/ping", "/dtable-server/api/v2/ping", "/api-gateway/api/v2/ping");
        AllowAnonymous();
    }

    public override Task HandleAsync(CancellationToken ct) => JsonAsync("pong");
}
