using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SeaTable.Api.Infrastructure.BaseTokens;

namespace SeaTable.Tests.Account;

/// <summary>Base tokens written by hand (the exchange's hot path) are the library's tokens, byte for byte (so they carry the same claims and pass the same validation).</summary>
public sealed class BaseTokenIssuerTests
{
    public static TheoryData<BaseTokenGrant> Grants => new()
    {
        new BaseTokenGrant(Guid.Parse("03ada714-ad1b-4e2f-bd6c-bea35d2c03da"), "rw", 0, "owner@auth.local", "", "my app", "tok-1", 3),
        new BaseTokenGrant(Guid.Parse("03ada714-ad1b-4e2f-bd6c-bea35d2c03da"), "r", 17, "o@auth.local", "user@auth.local", null, null, null),
        new BaseTokenGrant(Guid.NewGuid(), "rw", -1, "ü\"quote\\slash\u2028", "", "app \ud83d\ude00 <tag> & 'x'", "t", null),
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void A_hand_written_token_equals_the_library_s_and_is_accepted(BaseTokenGrant grant)
    {
        var issuer = Issuer();
        var token = issuer.Issue(grant);
        Assert.Equal(WithLibrary(issuer, grant), token);
    }

    /// <summary>The same claims through the library's token handler, as the issuer wrote them before.</summary>
    private static string WithLibrary(BaseTokenIssuer issuer, BaseTokenGrant grant)
    {
        var claims = new Dictionary<string, object>
        {
            ["exp"] = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000).AddDays(3).ToUnixTimeSeconds(),
            ["dtable_uuid"] = grant.DTableUuid.ToString(),
            ["permission"] = grant.Permission,
            ["org_id"] = grant.OrgId,
            ["owner_id"] = grant.OwnerId,
            ["username"] = grant.Username,
            ["id_in_org"] = "",
            ["user_department_ids_map"] = new Dictionary<string, object>
            {
                ["current_user_department_ids"] = Array.Empty<int>(),
                ["current_user_department_and_sub_ids"] = Array.Empty<int>(),
            },
        };
        if (grant.AppName is not null)
        {
            claims["app_name"] = grant.AppName;
        }

        if (grant.TokenId is not null)
        {
            claims["token_id"] = grant.TokenId;
            claims["token_version"] = grant.TokenVersion ?? 0;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(issuer.SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private static BaseTokenIssuer Issuer() =>
        new(Options.Create(new BaseTokenOptions { Secret = new string('s', 48), Lifetime = TimeSpan.FromDays(3) }), new FixedClock());

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    }
}
