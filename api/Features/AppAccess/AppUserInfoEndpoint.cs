using Microsoft.AspNetCore.Http;
using SeaTable.Api.Infrastructure.Authentication;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Api.Features.AppAccess;

/// <summary>
/// GET /api/v2.1/dtable/app-user-info/?username= (or ?email=) with an API token (the Python client's get_user_info):
/// {email, name, contact_email, avatar_url, id_in_org} of a user related to the token's base, named by user id or
/// contact email. Others, and unknown users, are 404 "User … not found.": a token does not open the whole user
/// directory. No name is 400 "username invalid.".
/// </summary>
public sealed class AppUserInfoEndpoint : AppTokenEndpoint<AppUserInfoRequest, AppUserResponse>
{
    public override void Configure()
    {
        AppTokenGet(new TokenUsage(Kind: "user_info", TouchesLastAccess: true), "/api/v2.1/dtable/app-user-info");
        Summary(s => s.Summary = "A collaborator's name and contact email (API token)");
    }

    public override async Task HandleAsync(AppUserInfoRequest req, CancellationToken ct)
    {
        var name = (req.Username ?? req.Email)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            await BadRequestAsync("username invalid.");
            return;
        }

        var users = await RelatedUsers.OfAsync(Grains, ApiCaller.Token.DTableUuid);
        var user = users.FirstOrDefault(u => string.Equals(u.Id, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(u.ContactEmail, name, StringComparison.OrdinalIgnoreCase));
        if (user is null)
        {
            await NotFoundAsync($"User {name} not found.");
            return;
        }

        await Send.OkAsync(AppUserResponse.From(user), ct);
    }
}

public sealed record AppUserInfoRequest
{
    [System.ComponentModel.Description("The user's id (…@auth.local) or contact email.")]
    public string? Username { get; init; }

    [System.ComponentModel.Description("Same as username.")]
    public string? Email { get; init; }
}
