using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Accounts;

/// <summary>GET /api2/account/info/ and GET /api/v2.1/user/: the caller's own account.</summary>
public sealed class AccountInfoEndpoint : SeaTableEndpoint
{
    public override void Configure() => Get("/api2/account/info", "/api/v2.1/user");

    public override async Task HandleAsync(CancellationToken ct)
    {
        var profile = await Grains.GetGrain<IAccountGrain>(CallerId).GetProfile();
        var json = AccountJson.From(profile!);
        json["org_id"] = profile!.OrgId;
        json["is_org_staff"] = profile.IsOrgStaff;
        await JsonAsync(json);
    }
}
