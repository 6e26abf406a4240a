using SeaTable.Grains.Accounts;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.Admin;

/// <summary>POST /api/v2.1/admin/organizations/{org_id}/users/: a new user inside the organization.</summary>
public sealed class AddOrganizationUserEndpoint : SeaTableEndpoint<AddOrganizationUserRequest, AdminUserResponse>
{
    public override void Configure()
    {
        Post("/api/v2.1/admin/organizations/{org_id}/users");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "Add a new user to an organization (system admin)");
    }

    public override async Task HandleAsync(AddOrganizationUserRequest req, CancellationToken ct)
    {
        var account = NewAccountFields.Read(req.Email, req.Password, req.Name, AddOrganizationUserRequest.Names).Account!;
        var org = await Grains.GetGrain<IOrganizationGrain>(req.OrgId).GetInfo();
        if (org is null)
        {
            await NotFoundAsync($"Organization {req.OrgId} not found.");
            return;
        }

        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).AddOrganizationUser(req.OrgId, account);
        if (result.Profile is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, account.ContactEmail));
            return;
        }

        await Send.OkAsync(AdminUserResponse.From(result.Profile) with { OrgName = org.Name }, ct);
    }
}
