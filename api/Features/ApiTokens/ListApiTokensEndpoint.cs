namespace SeaTable.Api.Features.ApiTokens;

/// <summary>GET …/api-tokens/: {"api_tokens": [...]} (E2).</summary>
public sealed class ListApiTokensEndpoint : ApiTokenEndpointBase<BaseRouteRequest, ApiTokenListResponse>
{
    public override void Configure()
    {
        Get(Route);
        Summary(s => s.Summary = "List the base's API tokens (base owner)");
    }

    public override async Task HandleAsync(BaseRouteRequest req, CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync(req) is not { } dtable)
        {
            return;
        }

        var result = await dtable.ListApiTokens(CallerId);
        if (await AnswerFailureAsync(req, result))
        {
            await Send.OkAsync(new ApiTokenListResponse([.. result.Tokens!.Select(ApiTokenResponse.From)]), ct);
        }
    }
}
