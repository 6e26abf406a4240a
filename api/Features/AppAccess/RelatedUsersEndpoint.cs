using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.AppAccess;

/// <summary>
/// GET /api/v2.1/dtables/{uuid}/related-users/ with the base token (the Python client's get_related_users):
/// {"user_list": [{email, name, contact_email, avatar_url, id_in_org}]}, the base's owner and share holders.
/// </summary>
public sealed class RelatedUsersEndpoint : BaseServerEndpoint<BaseUuidRequest, RelatedUsersResponse>
{
    public override void Configure()
    {
        Get("/api/v2.1/dtables/{uuid}/related-users");
        BaseRead();
        Summary(s => s.Summary = "The base's collaborators: owner and share holders (base token)");
    }

    public override async Task HandleAsync(BaseUuidRequest req, CancellationToken ct)
    {
        var users = await RelatedUsers.OfAsync(Grains, Caller.Uuid);
        await Send.OkAsync(new RelatedUsersResponse([.. users.Select(AppUserResponse.From)]), ct);
    }
}
