using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET …/metadata/ (v1 and v2): {"metadata": {"tables": [{_id, name, columns, views}], "version", "format_version"}}.</summary>
public sealed class MetadataEndpoint : BaseServerEndpoint
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("metadata"));
        BaseRead();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (Caller is not { } caller)
        {
            return;
        }

        var reply = await caller.Content.GetMetadata();
        await (reply.Json is { } json ? SendWrappedAsync("metadata", json) : SendContentErrorAsync(reply, write: false));
    }
}
