using Microsoft.AspNetCore.Http;
namespace SeaTable.Api.Features.ApiTokens;

/// <summary>POST …/api-tokens/ with app_name and permission ("r" or "rw"): 201 and the new token (E1).</summary>
public sealed class CreateApiTokenEndpoint : ApiTokenEndpointBase
{
    /// <summary>SeaTable stores app names in a varchar(255).</summary>
    private const int MaxAppNameLength = 255;

    public override void Configure() => Post(Route);

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var appName = fields.String("app_name")?.Trim();
        if (string.IsNullOrEmpty(appName) || appName.Length > MaxAppNameLength || appName.Any(char.IsControl))
        {
            await BadRequestAsync("app_name invalid.");
            return;
        }

        if (await ReadPermissionAsync(fields) is not { } permission || await ResolveRouteBaseAsync() is not { } dtable)
        {
            return;
        }

        var result = await dtable.CreateApiToken(CallerId, appName, permission);
        if (await AnswerFailureAsync(result))
        {
            await JsonAsync(ApiTokenJson.From(result.Token!), StatusCodes.Status201Created);
        }
    }
}
