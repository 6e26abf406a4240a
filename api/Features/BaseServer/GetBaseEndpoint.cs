using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET /dtable-server/dtables/{uuid}/ (v1 getDTable) and v2 GET …/api/v2/dtables/{uuid}/: the whole base as content.json.</summary>
public sealed class GetBaseEndpoint : BaseServerEndpoint<BaseUuidRequest, object>
{
    public override void Configure()
    {
        Get(["/dtable-server/dtables/{uuid}", .. BaseRoutes.V2("")]);
        BaseRead();
        Summary(s => s.Summary = "The whole base as content.json (base token)");
        Description(b => b.Produces<System.Text.Json.JsonElement>(200));
    }

    public override async Task HandleAsync(BaseUuidRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.GetBase();
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: false));
    }
}
