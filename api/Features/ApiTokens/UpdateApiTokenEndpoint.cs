using System.Globalization;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>
/// PUT …/api-tokens/{app_name}/ with the new permission (E3); last_access is left as it is. Beyond SeaTable,
/// <c>requests_per_minute</c> (1 to 1,000,000, or empty / "default" for the server's limit) sets the token's
/// rate limit, alone or together with a permission.
/// </summary>
public sealed class UpdateApiTokenEndpoint : ApiTokenEndpointBase
{
    private const int MaxRequestsPerMinute = 1_000_000;

    public override void Configure() => Put(Route + "/{app_name}");

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        int? requestsPerMinute = null;
        var setsLimit = fields.Has("requests_per_minute");
        if (setsLimit)
        {
            var text = fields.String("requests_per_minute")?.Trim() ?? "";
            if (text.Length > 0 && !text.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > MaxRequestsPerMinute)
                {
                    await BadRequestAsync("requests_per_minute invalid.");
                    return;
                }

                requestsPerMinute = parsed;
            }
        }

        var setsPermission = !setsLimit || fields.Has("permission");
        var permission = setsPermission ? await ReadPermissionAsync(fields) : null;
        if ((setsPermission && permission is null) || await ResolveRouteBaseAsync() is not { } dtable)
        {
            return;
        }

        var appName = AppNameFromRoute();
        if (setsPermission)
        {
            var result = await dtable.UpdateApiToken(CallerId, appName, permission!);
            if (!await AnswerFailureAsync(result, permission))
            {
                return;
            }

            if (!setsLimit)
            {
                await JsonAsync(ApiTokenJson.From(result.Token!));
                return;
            }
        }

        var limited = await dtable.SetApiTokenRateLimit(CallerId, appName, requestsPerMinute);
        if (await AnswerFailureAsync(limited))
        {
            await JsonAsync(ApiTokenJson.From(limited.Token!));
        }
    }
}
