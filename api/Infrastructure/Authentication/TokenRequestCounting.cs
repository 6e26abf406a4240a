using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.RateLimits;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// Counts every authorized request made with an API token, or with a base token issued for one, against the
/// token's per-minute allowance and in its usage record, in one place after authorization: 429 with
/// SeaTable's error body and Retry-After when the allowance is spent. Endpoints say what a request counts as
/// with <see cref="TokenUsage"/> metadata; a user's own base token carries no token id and is not counted.
/// </summary>
public sealed class TokenRequestCounting(RequestDelegate next, TokenRateLimiter limiter, TokenUsageRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TokenUsage>() is { } usage
            && context.User.FindFirst(TokenClaims.TokenId)?.Value is { } tokenId)
        {
            int? perMinute = int.TryParse(context.User.FindFirst(TokenClaims.RequestsPerMinute)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit)
                ? limit
                : null;
            if (!limiter.TryAcquire(context.Response, tokenId, perMinute))
            {
                await ApiErrors.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests,
                    $"Request was throttled. Expected available in {context.Response.Headers.RetryAfter} seconds.");
                return;
            }

            recorder.Record(tokenId, usage.Kind, context, usage.IssuesJwt);
        }

        await next(context);
    }
}

public static class TokenRequestCountingExtensions
{
    public static IApplicationBuilder UseTokenRequestCounting(this IApplicationBuilder app) => app.UseMiddleware<TokenRequestCounting>();
}
