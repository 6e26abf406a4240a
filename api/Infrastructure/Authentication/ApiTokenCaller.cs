using SeaTable.Grains.ApiTokens;

namespace SeaTable.Api.Infrastructure.Authentication;

/// <summary>
/// The API token that authenticated the request: its grant (base, permission, app) and its id. A temporary API
/// token (temp-api-token/) has no token id of its own but the user it was issued to: <see cref="TempUser"/>.
/// </summary>
public sealed record ApiTokenCaller(ApiTokenUse Use, string TokenId, string? TempUser = null)
{
    public ApiTokenInfo Token => Use.Token!;
}
