using System.Security.Claims;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Infrastructure;

/// <summary>The principal of a signed-in account, whichever scheme signed it in: its id, contact email and staff role.</summary>
public static class AccountPrincipal
{
    public static ClaimsPrincipal From(AccountProfile profile, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, profile.Id), new(ClaimTypes.Email, profile.ContactEmail) };
        if (profile.IsStaff)
        {
            claims.Add(new Claim(ClaimTypes.Role, AccountTokenAuthenticationHandler.StaffRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
