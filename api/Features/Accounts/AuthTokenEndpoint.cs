using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Accounts;

/// <summary>POST /api2/auth-token/: username (contact email or user id) and password for the login token.</summary>
public sealed class AuthTokenEndpoint : SeaTableEndpoint
{
    public override void Configure()
    {
        Post("/api2/auth-token");
        AllowAnonymous();
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await ReadFieldsAsync(ct) is not { } fields)
        {
            return;
        }

        var username = fields.String("username");
        var password = fields.String("password");
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(username))
        {
            missing["username"] = ["This field is required."];
        }

        if (string.IsNullOrEmpty(password))
        {
            missing["password"] = ["This field is required."];
        }

        if (missing.Count > 0)
        {
            // Django REST framework's field errors.
            await JsonAsync(missing, StatusCodes.Status400BadRequest);
            return;
        }

        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).Login(username!, password!);
        switch (result.Error)
        {
            case LoginError.None:
                await JsonAsync(new Dictionary<string, string> { ["token"] = result.Token! });
                break;
            case LoginError.Inactive:
                await JsonAsync(NonFieldError("User account is disabled."), StatusCodes.Status400BadRequest);
                break;
            default:
                await JsonAsync(NonFieldError("Unable to login with provided credentials."), StatusCodes.Status400BadRequest);
                break;
        }
    }

    private static Dictionary<string, string[]> NonFieldError(string message) => new() { ["non_field_errors"] = [message] };
}
