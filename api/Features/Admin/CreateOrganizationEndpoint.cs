using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Admin;

/// <summary>POST /api/v2.1/admin/organizations/: a team and its admin user.</summary>
public sealed class CreateOrganizationEndpoint : SeaTableEndpoint
{
    private const int MaxOrgNameLength = 255;

    public override void Configure()
    {
        Post("/api/v2.1/admin/organizations");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var orgName = fields.String("org_name")?.Trim();
        if (string.IsNullOrEmpty(orgName) || orgName.Length > MaxOrgNameLength)
        {
            await BadRequestAsync("org_name invalid.");
            return;
        }

        var adminEmail = fields.String("admin_email")?.Trim();
        if (!NewAccountFields.IsValidEmail(adminEmail))
        {
            await BadRequestAsync("admin_email invalid.");
            return;
        }

        var password = fields.String("password");
        if (string.IsNullOrEmpty(password))
        {
            await BadRequestAsync("password invalid.");
            return;
        }

        var adminName = fields.String("admin_name");
        if (NewAccountFields.NameError(adminName) is { } nameError)
        {
            await BadRequestAsync(nameError);
            return;
        }

        var admin = new NewAccount(
            adminEmail!, string.IsNullOrWhiteSpace(adminName) ? NewAccountFields.DefaultName(adminEmail!) : adminName.Trim(),
            password, IsStaff: false, IsActive: true);
        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateOrganization(orgName, admin);
        if (result.Organization is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, adminEmail!));
            return;
        }

        await JsonAsync(OrganizationJson.From(result.Organization, result.Admin));
    }
}
