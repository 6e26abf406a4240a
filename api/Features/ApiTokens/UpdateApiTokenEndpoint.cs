using System.Globalization;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>
/// PUT …/api-tokens/{app_name}/ with the new permission (E3); last_access is left as it is. Beyond SeaTable,
/// <c>requests_per_minute</c> (1 to 1,000,000, or empty / "default" for the server's limit) sets the token's
/// rate limit, alone or together with a permission.
/// </summary>
public sealed class UpdateApiTokenEndpoint : ApiTokenEndpointBase<UpdateApiTokenRequest, ApiTokenResponse>
{
    private const int MaxRequestsPerMinute = 1_000_000;

    public override void Configure()
    {
        Put(Route + "/{app_name}");
        Summary(s => s.Summary = "Change an API token's permission or rate limit (base owner)");
    }

    public override async Task HandleAsync(UpdateApiTokenRequest req, CancellationToken ct)
    {
        int? requestsPerMinute = null;
        var setsLimit = req.Body.Has("requests_per_minute");
        if (setsLimit)
        {
            var text = req.RequestsPerMinute?.Trim() ?? "";
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

        var setsPermission = !setsLimit || req.Body.Has("permission");
        if (setsPermission && !SharePermission.IsValid(req.Permission))
        {
            await BadRequestAsync("permission invalid.");
            return;
        }

        if (await ResolveRouteBaseAsync(req) is not { } dtable)
        {
            return;
        }

        var appName = req.DecodedAppName;
        if (setsPermission)
        {
            var result = await dtable.UpdateApiToken(CallerId, appName, req.Permission!);
            if (!await AnswerFailureAsync(req, result, req.Permission))
            {
                return;
            }

            if (!setsLimit)
            {
                await Send.OkAsync(ApiTokenResponse.From(result.Token!), ct);
                return;
            }
        }

        var limited = await dtable.SetApiTokenRateLimit(CallerId, appName, requestsPerMinute);
        if (await AnswerFailureAsync(req, limited))
        {
            await Send.OkAsync(ApiTokenResponse.From(limited.Token!), ct);
        }
    }
}
