namespace SeaTable.Api.Features.ApiTokens;

/// <summary>DELETE …/api-tokens/{app_name}/ (E4): the token stops working at once.</summary>
public sealed class DeleteApiTokenEndpoint : ApiTokenEndpointBase
{
    public override void Configure() => Delete(Route + "/{app_name}");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ResolveRouteBaseAsync() is not { } dtable)
        {
            return;
        }

        var result = await dtable.DeleteApiToken(CallerId, AppNameFromRoute());
        if (await AnswerFailureAsync(result))
        {
            await SuccessAsync();
        }
    }
}
