using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.BaseServer;

/// <summary>GET …/metadata/ (v1 and v2): {"metadata": {"tables": [{_id, name, columns, views}], "version", "format_version"}}.</summary>
public sealed class MetadataEndpoint : BaseServerEndpoint<BaseUuidRequest, object>
{
    public override void Configure()
    {
        Get(BaseRoutes.V1AndV2("metadata"));
        BaseRead();
        Summary(s => s.Summary = "The base's tables with their columns and views (base token)");
        Description(b => b.Produces<MetadataDoc>(200));
    }

    public override async Task HandleAsync(BaseUuidRequest req, CancellationToken ct)
    {
        var reply = await Caller.Content.GetMetadata();
        await (reply.Json is { } json ? SendWrappedAsync("metadata", json) : SendContentErrorAsync(reply, write: false));
    }
}
