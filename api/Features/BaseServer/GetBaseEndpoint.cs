using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET /dtable-server/dtables/{uuid}/ (v1 getDTable) and v2 GET …/api/v2/dtables/{uuid}/: the whole base as content.json.</summary>
public sealed class GetBaseEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Get(["/dtable-server/dtables/{uuid}", .. BaseRoutes.V2("")]);
        BaseRead();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller)
        {
            return;
        }

        var reply = await caller.Content.GetBase();
        await (reply.Json is { } json ? SendRawJsonAsync(json) : SendContentErrorAsync(reply, write: false));
    }
}
