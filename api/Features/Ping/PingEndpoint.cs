namespace SeaTable.Api.Features.Ping;

/// <summary>GET /api2/ping/: liveness as SeaTable answers it, the JSON string "pong".</summary>
public sealed class PingEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Get("/api2/ping");
        AllowAnonymous();
    }

    public override Task HandleAsync(CancellationToken ct) => JsonAsync("pong");
}
