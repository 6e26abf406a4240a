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

        var (admin, error) = NewAccountFields.Read(fields, new AccountFieldNames("admin_email", "admin_email invalid.", "admin_name", "password invalid."));
        if (admin is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateOrganization(orgName, admin);
        if (result.Organization is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, admin.ContactEmail));
            return;
        }

        await JsonAsync(OrganizationJson.From(result.Organization, result.Admin));
    }
}
