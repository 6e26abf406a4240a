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

        var email = fields.String("email")?.Trim();
        if (!NewAccountFields.IsValidEmail(email))
        {
            await BadRequestAsync("email invalid.");
            return;
        }

        var password = fields.String("password");
        if (string.IsNullOrEmpty(password))
        {
            await BadRequestAsync("password required.");
            return;
        }

        var name = fields.String("name");
        if (NewAccountFields.NameError(name) is { } nameError)
        {
            await BadRequestAsync(nameError);
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

        var account = new NewAccount(
            email!, string.IsNullOrWhiteSpace(name) ? NewAccountFields.DefaultName(email!) : name.Trim(), password,
            IsStaff: isStaff == BoolField.True, IsActive: isActive != BoolField.False);
        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).CreateUser(account);
        if (result.Profile is null)
        {
            await BadRequestAsync(NewAccountFields.CreatedMessage(result.Error, email!));
            return;
        }

        var json = AccountJson.From(result.Profile);
        json["add_user_tip"] = $"Successfully added user {email}.";
        await JsonAsync(json, StatusCodes.Status200OK);
    }
}
