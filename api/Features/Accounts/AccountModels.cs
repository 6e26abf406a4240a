using SeaTable.Grains.Accounts;

namespace SeaTable.Api.Features.Accounts;

/// <summary>POST /api2/auth-token/: the login.</summary>
public sealed record AuthTokenRequest
{
    [System.ComponentModel.Description("The contact email or the user id (…@auth.local).")]
    [System.ComponentModel.DataAnnotations.Required]
    public string? Username { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? Password { get; init; }
}

/// <summary>The login token, sent afterwards as "Authorization: Token &lt;token&gt;".</summary>
public sealed record AuthTokenResponse(string Token);

/// <summary>Django REST framework's field errors of the login: each missing field with "This field is required.".</summary>
public sealed record AuthTokenFieldErrors(
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Username,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Password);

/// <summary>Django REST framework's error of a refused login.</summary>
public sealed record LoginErrorBody(IReadOnlyList<string> NonFieldErrors);

/// <summary>The caller's own account (the user object of dtable-web with org_id and is_org_staff always present).</summary>
public sealed record AccountInfoResponse(
    string Email,
    string Name,
    string ContactEmail,
    string LoginId,
    string AvatarUrl,
    bool IsStaff,
    bool IsActive,
    string CreateTime,
    string Role,
    long WorkspaceId,
    long OrgId,
    bool IsOrgStaff)
{
    public static AccountInfoResponse From(AccountProfile profile) => new(
        profile.Id, profile.Name, profile.ContactEmail, LoginId: "", AvatarUrl: "", profile.IsStaff, profile.IsActive,
        IsoTime.Format(profile.CreatedAt), Role: "default", profile.WorkspaceId, profile.OrgId, profile.IsOrgStaff);
}
