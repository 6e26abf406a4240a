namespace SeaTable.Api.Features.Ping;

/// <summary>GET /api2/ping/: liveness as SeaTable answers it, the JSON string "pong".</summary>
public sealed class PingEndpoint : SeaTableEndpoint<EmptyRequest, string>
{
    public override void Configure()
    {
        Get("/api2/ping");
        AllowAnonymous();
        Summary(s => s.Summary = "Liveness check: the JSON string \"pong\" (anyone)");
    }

    public override Task HandleAsync(EmptyRequest req, CancellationToken ct) => Send.OkAsync("pong", ct);
}
