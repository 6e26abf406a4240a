using SeaTable.Api.Features.Accounts;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.Admin;

/// <summary>POST /api/v2.1/admin/organizations/{org_id}/users/: a new user inside the organization.</summary>
public sealed class AddOrganizationUserEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Post("/api/v2.1/admin/organizations/{org_id}/users");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (!long.TryParse(Route<string>("org_id", isRequired: false), out var orgId) || orgId <= 0)
        {
            await BadRequestAsync("org_id invalid.");
            return;
        }

        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var (account, error) = NewAccountFields.Read(fields, new AccountFieldNames("email", "email invalid.", "name", "password invalid."));
        if (account is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var org = await Grains.GetGrain<IOrganizationGrain>(orgId).GetInfo();
        if (org is null)
        {
            await NotFoundAsync($"Organization {orgId} not found.");
            return;
        }

        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).AddOrganizationUser(orgId, account);
        if (result.Profile is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, account.ContactEmail));
            return;
        }

        var json = AccountJson.From(result.Profile);
        json["org_name"] = org.Name;
        await JsonAsync(json);
    }
}
