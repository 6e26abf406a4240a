namespace SeaTable.Api.Features.ApiTokens;

/// <summary>DELETE …/api-tokens/{app_name}/ (E4): the token stops working at once.</summary>
public sealed class DeleteApiTokenEndpoint : ApiTokenEndpointBase<AppRouteRequest, SuccessResponse>
{
    public override void Configure()
    {
        Delete(Route + "/{app_name}");
        Summary(s => s.Summary = "Delete an app's API token (base owner)");
    }

    public override async Task HandleAsync(AppRouteRequest req, CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync(req) is not { } dtable)
        {
            return;
        }

        var result = await dtable.DeleteApiToken(CallerId, req.DecodedAppName);
        if (await AnswerFailureAsync(req, result))
        {
            await Send.OkAsync(new SuccessResponse(), ct);
        }
    }
}
