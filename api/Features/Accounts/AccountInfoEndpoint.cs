using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Accounts;

/// <summary>GET /api2/account/info/ and GET /api/v2.1/user/: the caller's own account.</summary>
public sealed class AccountInfoEndpoint : SeaTableEndpoint<EmptyRequest, AccountInfoResponse>
{
    public override void Configure()
    {
        Get("/api2/account/info", "/api/v2.1/user");
        Summary(s => s.Summary = "The caller's own account (login token)");
    }

    public override async Task HandleAsync(EmptyRequest req, CancellationToken ct)
    {
        var profile = await Grains.GetGrain<IAccountGrain>(CallerId).GetProfile();
        await Send.OkAsync(AccountInfoResponse.From(profile!), ct);
    }
}
