using FluentValidation;
using SeaTable.Grains.ApiTokens;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Features.ApiTokens;

/// <summary>The base of the token calls: /api/v2.1/workspace/{workspace_id}/dtable/{name}/api-tokens/.</summary>
public record BaseRouteRequest
{
    public long WorkspaceId { get; init; }

    /// <summary>The base's name (URL-encoded).</summary>
    public string Name { get; init; } = "";
}

/// <summary>One token of the base: …/api-tokens/{app_name}/.</summary>
public record AppRouteRequest : BaseRouteRequest
{
    /// <summary>
    /// ASP.NET Core decodes every escape in a route value except %2F, which Django decodes too: an app name may
    /// contain '/'.
    /// </summary>
    public string AppName { get; init; } = "";

    public string DecodedAppName => AppName.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}

public sealed record CreateApiTokenRequest : BaseRouteRequest
{
    /// <summary>The app's name, unique in the base (at most 255 characters).</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? AppName { get; init; }

    /// <summary>"r" or "rw".</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string? Permission { get; init; }
}

public sealed class CreateApiTokenValidator : FastEndpoints.Validator<CreateApiTokenRequest>
{
    /// <summary>SeaTable stores app names in a varchar(255).</summary>
    public const int MaxAppNameLength = 255;

    public CreateApiTokenValidator()
    {
        RuleFor(r => r.AppName).Must(name => name?.Trim() is { Length: > 0 and <= MaxAppNameLength } trimmed && !trimmed.Any(char.IsControl))
            .WithMessage("app_name invalid.");
        RuleFor(r => r.Permission).Must(SharePermission.IsValid).WithMessage("permission invalid.");
    }
}

public sealed record UpdateApiTokenRequest : AppRouteRequest
{
    /// <summary>"r" or "rw" (required unless requests_per_minute is sent).</summary>
    public string? Permission { get; init; }

    /// <summary>
    /// Beyond SeaTable: the token's own rate limit, 1 to 1,000,000, or empty / "default" for the server's. Sent
    /// alone it leaves the permission as it is.
    /// </summary>
    public string? RequestsPerMinute { get; init; }

    /// <summary>The body as sent: whether a field was sent at all decides what is changed.</summary>
    public Infrastructure.RequestFields Body { get; init; } = Infrastructure.RequestFields.Empty;
}

/// <summary>The token object of dtable-web (reference §2): generated_by is the raw user id.</summary>
public sealed record ApiTokenResponse(
    string AppName,
    string ApiToken,
    string GeneratedBy,
    string GeneratedAt,
    string LastAccess,
    string Permission,
    int? RequestsPerMinute,
    ApiTokenUsageResponse Usage)
{
    public static ApiTokenResponse From(ApiTokenView token) => new(
        token.AppName, token.Token, token.GeneratedBy, IsoTime.Format(token.GeneratedAt), IsoTime.Format(token.LastAccess),
        token.Permission, token.RequestsPerMinute, ApiTokenUsageResponse.From(token.Usage ?? ApiTokenUsage.Empty));
}

/// <summary>Beyond SeaTable, and ignored by its clients: who used the token, how often, from where.</summary>
public sealed record ApiTokenUsageResponse(
    long JwtsIssued,
    IReadOnlyDictionary<string, long> Requests,
    string? LastClientAddress,
    string? LastUserAgent,
    string? FirstSeen,
    string? LastSeen,
    [property: System.ComponentModel.Description("Requests per hour of the last 24 hours that saw any, keyed by the hour's start in UTC.")]
    IReadOnlyDictionary<string, long> Hourly)
{
    public static ApiTokenUsageResponse From(ApiTokenUsage usage) => new(
        usage.JwtsIssued, usage.Requests, usage.LastClientAddress, usage.LastUserAgent,
        usage.FirstSeen is { } first ? IsoTime.Format(first) : null, usage.LastSeen is { } last ? IsoTime.Format(last) : null,
        new SortedDictionary<string, long>((IDictionary<string, long>)(usage.Hourly ?? new Dictionary<string, long>()), StringComparer.Ordinal));
}

public sealed record ApiTokenListResponse(IReadOnlyList<ApiTokenResponse> ApiTokens);

/// <summary>Per app: whether it holds a live socket in the base's room now. The same list under both names (see the endpoint).</summary>
public sealed record ApiTokenStatusResponse(IReadOnlyList<ApiTokenStatus> ApiStatusList, IReadOnlyList<ApiTokenStatus> AppStatus);

public sealed record ApiTokenStatus(string AppName, bool Connected, string LastAccess);
