using FluentValidation;
using SeaTable.Api.Infrastructure.Assets;
using SeaTable.Grains.Common;
using SeaTable.Grains.DTables;

namespace SeaTable.Api.Features.Assets;

/// <summary>
/// GET /api/v2.1/workspace/{workspace_id}/dtable-asset-upload-link/?name= with a login token (dtable-web's
/// DTableAssetUploadLinkView, dtable-web-api's getTableAssetUploadLink): the upload link of E6 for a user who may
/// write the base, as the web app's image and file cells use it. 404 for an unknown workspace or base, 403 for a
/// reader.
/// </summary>
public sealed class AssetUploadLinkEndpoint : SeaTableEndpoint<AssetUploadLinkRequest, AppUploadLinkResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/workspace/{workspace_id:long}/dtable-asset-upload-link");
        Summary(s => s.Summary = "A link to upload files into a base's assets (login token; write access)");
    }

    public override async Task HandleAsync(AssetUploadLinkRequest req, CancellationToken ct)
    {
        if (await ResolveBaseAsync(req.WorkspaceId, req.Name) is not { } found)
        {
            return;
        }

        if (await Grains.GetGrain<IDTableGrain>(found.Uuid).GetAccess(CallerId) < AccessLevel.ReadWrite)
        {
            await ForbiddenAsync();
            return;
        }

        await Send.OkAsync(AppUploadLinkResponse.For(found.Uuid, PublicBase(), Resolve<AssetLinkTokens>(), Resolve<TimeProvider>()), ct);
    }
}

/// <summary>GET …/dtable-asset-upload-link/?name=: the base by workspace and name.</summary>
public sealed record AssetUploadLinkRequest
{
    public long WorkspaceId { get; init; }

    [System.ComponentModel.Description("The base's name.")]
    public string Name { get; init; } = "";
}

public sealed class AssetUploadLinkValidator : FastEndpoints.Validator<AssetUploadLinkRequest>
{
    public AssetUploadLinkValidator()
    {
        RuleFor(r => r.Name).Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("name invalid.");
    }
}
