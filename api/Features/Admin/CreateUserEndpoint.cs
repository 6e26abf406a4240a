using Microsoft.AspNetCore.Http;
using SeaTable.Api.Features.Accounts;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Admin;

/// <summary>POST /api/v2.1/admin/users/: a system admin creates a user (answer 200, as the code does).</summary>
public sealed class CreateUserEndpoint : SeaTableEndpoint
{
    private static readonly string[] KnownRoles = ["default", "guest"];

    public override void Configure()
    {
        Post("/api/v2.1/admin/users");
        Roles(AccountTokenAuthenticationHandler.StaffRole);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var (account, error) = NewAccountFields.Read(fields, new AccountFieldNames("email", "email invalid.", "name", "password required."));
        if (account is null)
        {
            await BadRequestAsync(error!);
            return;
        }

        var isStaff = fields.Bool("is_staff");
        if (isStaff == BoolField.Invalid)
        {
            await BadRequestAsync("is_staff invalid.");
            return;
        }

        var isActive = fields.Bool("is_active");
        if (isActive == BoolField.Invalid)
        {
            await BadRequestAsync("is_active invalid.");
            return;
        }

        var role = fields.String("role");
        if (role is not null && !KnownRoles.Contains(role))
        {
            await BadRequestAsync("role must be in ['default', 'guest'].");
            return;
        }

        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateUser(
            account with { IsStaff = isStaff == BoolField.True, IsActive = isActive != BoolField.False });
        if (result.Profile is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, account.ContactEmail));
            return;
        }

        var json = AccountJson.From(result.Profile);
        json["add_user_tip"] = $"Successfully added user {account.ContactEmail}.";
        await JsonAsync(json, StatusCodes.Status200OK);
    }
}
