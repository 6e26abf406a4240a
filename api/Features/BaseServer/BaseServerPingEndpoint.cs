namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET /dtable-server/ping/ and GET …/api/v2/ping/ (dtable-server and the API gateway): "pong", no token needed.</summary>
public sealed class BaseServerPingEndpoint : SeaTableEndpoint<EmptyRequest, string>
{
    public override void Configure()
    {
        Get("/dtable-server/ping", "/dtable-server/api/v2/ping", "/api-gateway/api/v2/ping");
        AllowAnonymous();
        Summary(s => s.Summary = "Whether dtable-server answers: \"pong\" (anyone)");
    }

    public override Task HandleAsync(EmptyRequest req, CancellationToken ct) => Send.OkAsync("pong", ct);
}
