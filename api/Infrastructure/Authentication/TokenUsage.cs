namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// Endpoint metadata of the calls made with an API token (or a base token issued for one): what the request
/// counts as in the token's usage record, whether it moves the token's last_access, and whether it hands out
/// a base token. <see cref="TokenRequestCounting"/> counts every such request against the token's allowance.
/// </summary>
public sealed record TokenUsage(string Kind, bool TouchesLastAccess = false, bool IssuesJwt = false);
