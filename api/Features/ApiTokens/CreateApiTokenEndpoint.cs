using Microsoft.AspNetCore.Http;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>POST …/api-tokens/ with app_name and permission ("r" or "rw"): 201 and the new token (E1).</summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite]
public sealed class CreateApiTokenEndpoint : ApiTokenEndpointBase<CreateApiTokenRequest, ApiTokenResponse>
{
    public override void Configure()
    {
        Post(Route);
        Summary(s => s.Summary = "Create an API token for an app (base owner)");
        Description(b => b.ClearDefaultProduces().Produces<ApiTokenResponse>(StatusCodes.Status201Created));
    }

    public override async Task HandleAsync(CreateApiTokenRequest req, CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync(req) is not { } dtable)
        {
            return;
        }

        var result = await dtable.CreateApiToken(CallerId, req.AppName!.Trim(), req.Permission!);
        if (await AnswerFailureAsync(req, result))
        {
            await Send.ResponseAsync(ApiTokenResponse.From(result.Token!), StatusCodes.Status201Created, ct);
        }
    }
}
