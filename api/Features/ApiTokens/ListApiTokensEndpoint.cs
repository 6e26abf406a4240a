namespace SeaTable.Api.Features.ApiTokens;

/// <summary>GET …/api-tokens/: {"api_tokens": [...]} (E2).</summary>
public sealed class ListApiTokensEndpoint : ApiTokenEndpointBase
{
    public override void Configure() => Get(Route);

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync() is not { } dtable)
        {
            return;
        }

        var result = await dtable.ListApiTokens(CallerId);
        if (await AnswerFailureAsync(result))
        {
            await JsonAsync(new Dictionary<string, object?> { ["api_tokens"] = result.Tokens!.Select(ApiTokenJson.From).ToList() });
        }
    }
}
