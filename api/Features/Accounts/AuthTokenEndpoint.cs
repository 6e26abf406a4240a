using Microsoft.AspNetCore.Http;
using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Accounts;

/// <summary>
/// POST /api2/auth-token/: username (contact email or user id) and password for the login token. Repeatable: the
/// account answers the same login token on every call.
/// </summary>
[SeaTable.Api.Infrastructure.WriteOutcomes.RepeatableWrite]
public sealed class AuthTokenEndpoint : SeaTableEndpoint<AuthTokenRequest, AuthTokenResponse>
{
    private const string Required = "This field is required.";

    public override void Configure()
    {
        Post("/api2/auth-token");
        AllowAnonymous();
        Summary(s => s.Summary = "Log in with username and password for the login token (anyone)");
        Description(b => b.Produces<AuthTokenFieldErrors>(StatusCodes.Status400BadRequest)
            .Produces<LoginErrorBody>(StatusCodes.Status400BadRequest));
    }

    public override async Task HandleAsync(AuthTokenRequest req, CancellationToken ct)
    {
        // Django REST framework's field errors, not {"error_msg"}: so the check stays here, not in a validator.
        var (username, password) = (req.Username, req.Password);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            await JsonAsync(new AuthTokenFieldErrors(
                string.IsNullOrEmpty(username) ? [Required] : null,
                string.IsNullOrEmpty(password) ? [Required] : null), StatusCodes.Status400BadRequest);
            return;
        }

        var result = await Grains.GetGrain<IAccountDirectoryGrain>(0).Login(username, password);
        switch (result.Error)
        {
            case LoginError.None:
                await Send.OkAsync(new AuthTokenResponse(result.Token!), ct);
                break;
            case LoginError.Inactive:
                await JsonAsync(new LoginErrorBody(["User account is disabled."]), StatusCodes.Status400BadRequest);
                break;
            default:
                await JsonAsync(new LoginErrorBody(["Unable to login with provided credentials."]), StatusCodes.Status400BadRequest);
                break;
        }
    }
}
