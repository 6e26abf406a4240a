using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Admin;

/// <summary>POST /api/v2.1/admin/organizations/: a team and its admin user.</summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite]
public sealed class CreateOrganizationEndpoint : SeaTableEndpoint<CreateOrganizationRequest, OrganizationResponse>
{
    public override void Configure()
    {
        Post("/api/v2.1/admin/organizations");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "Create an organization and its admin user (system admin)");
    }

    public override async Task HandleAsync(CreateOrganizationRequest req, CancellationToken ct)
    {
        var admin = NewAccountFields.Read(req.AdminEmail, req.Password, req.AdminName, CreateOrganizationRequest.Names).Account!;
        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateOrganization(req.OrgName!.Trim(), admin with { CreatedBy = CallerId });
        if (result.Organization is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, admin.ContactEmail));
            return;
        }

        await Send.OkAsync(OrganizationResponse.From(result.Organization, result.Admin), ct);
    }
}
