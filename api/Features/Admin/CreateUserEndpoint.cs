using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Admin;

/// <summary>POST /api/v2.1/admin/users/: a system admin creates a user (answer 200, as the code does).</summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite]
public sealed class CreateUserEndpoint : SeaTableEndpoint<CreateUserRequest, AdminUserResponse>
{
    public override void Configure()
    {
        Post("/api/v2.1/admin/users");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
        Summary(s => s.Summary = "Create a user (system admin)");
    }

    public override async Task HandleAsync(CreateUserRequest req, CancellationToken ct)
    {
        // The validator has refused every bad field: this only builds the account.
        var account = NewAccountFields.Read(req.Email, req.Password, req.Name, CreateUserRequest.Names).Account!;
        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateUser(
            account with { IsStaff = req.IsStaff == BoolField.True, IsActive = req.IsActive != BoolField.False, CreatedBy = CallerId });
        if (result.Profile is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, account.ContactEmail));
            return;
        }

        await Send.OkAsync(AdminUserResponse.From(result.Profile) with { AddUserTip = $"Successfully added user {account.ContactEmail}." }, ct);
    }
}
