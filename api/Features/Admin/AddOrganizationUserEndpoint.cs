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

        var email = fields.String("email")?.Trim();
        if (!NewAccountFields.IsValidEmail(email))
        {
            await BadRequestAsync("email invalid.");
            return;
        }

        var password = fields.String("password");
        if (string.IsNullOrEmpty(password))
        {
            await BadRequestAsync("password invalid.");
            return;
        }

        var name = fields.String("name");
        if (NewAccountFields.NameError(name) is { } nameError)
        {
            await BadRequestAsync(nameError);
            return;
        }

        var org = await Grains.GetGrain<IOrganizationGrain>(orgId).GetInfo();
        if (org is null)
        {
            await NotFoundAsync($"Organization {orgId} not found.");
            return;
        }

        var account = new NewAccount(
            email!, string.IsNullOrWhiteSpace(name) ? NewAccountFields.DefaultName(email!) : name.Trim(), password,
            IsStaff: false, IsActive: true);
        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).AddOrganizationUser(orgId, account);
        if (result.Profile is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, email!));
            return;
        }

        var json = AccountJson.From(result.Profile);
        json["org_name"] = org.Name;
        await JsonAsync(json);
    }
}
