using SeaTable.Grains.ApiTokens;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>The API token that authenticated the request: its grant (base, permission, app) and its id.</summary>
public sealed record ApiTokenCaller(ApiTokenUse Use, string TokenId)
{
    public ApiTokenInfo Token => Use.Token!;
}
