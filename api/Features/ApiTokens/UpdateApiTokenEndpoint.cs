namespace SeaTable.Api.Features.ApiTokens;

/// <summary>PUT …/api-tokens/{app_name}/ with the new permission (E3); last_access is left as it is.</summary>
public sealed class UpdateApiTokenEndpoint : ApiTokenEndpointBase
{
    public override void Configure() => Put(Route + "/{app_name}");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        if (await ReadPermissionAsync(fields) is not { } permission || await ResolveRouteBaseAsync() is not { } dtable)
        {
            return;
        }

        var result = await dtable.UpdateApiToken(CallerId, AppNameFromRoute(), permission);
        if (await AnswerFailureAsync(result, permission))
        {
            await JsonAsync(ApiTokenJson.From(result.Token!));
        }
    }
}
