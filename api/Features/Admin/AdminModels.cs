using FluentValidation;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SeaTable.Grains.Accounts;
using SeaTable.Grains.Organizations;

namespace SeaTable.Api.Features.Admin;

/// <summary>?page&amp;per_page of the admin listings, kept as text: a bad value answers "per_page or page invalid.".</summary>
public record AdminPagingRequest
{
    [System.ComponentModel.Description("The page, from 1 (default 1).")]
    public string? Page { get; init; }

    [System.ComponentModel.Description("Items per page (default 25, at most 1000).")]
    public string? PerPage { get; init; }

    /// <summary>The paging through the same parser the other listings use.</summary>
    public bool TryGetPaging(int defaultPerPage, out Paging paging) =>
        Paging.TryParse(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["page"] = Page ?? "",
            ["per_page"] = PerPage ?? "",
        }), defaultPerPage, out paging);
}

public sealed record ListUsersRequest : AdminPagingRequest;

public sealed record ListOrganizationsRequest : AdminPagingRequest;

/// <summary>Both listings default to 25 per page and refuse bad values.</summary>
public sealed class ListUsersValidator : FastEndpoints.Validator<ListUsersRequest>
{
    public ListUsersValidator() =>
        RuleFor(r => r).Must(r => r.TryGetPaging(25, out _)).WithMessage("per_page or page invalid.");
}

public sealed class ListOrganizationsValidator : FastEndpoints.Validator<ListOrganizationsRequest>
{
    public ListOrganizationsValidator() =>
        RuleFor(r => r).Must(r => r.TryGetPaging(25, out _)).WithMessage("per_page or page invalid.");
}

public sealed record CreateUserRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? Email { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? Password { get; init; }

    [System.ComponentModel.Description("Display name (default: the email's local part).")]
    public string? Name { get; init; }

    public BoolField IsStaff { get; init; }

    [System.ComponentModel.Description("Default true.")]
    public BoolField IsActive { get; init; }

    [System.ComponentModel.Description("\"default\" or \"guest\".")]
    public string? Role { get; init; }

    public static readonly AccountFieldNames Names = new("email", "email invalid.", "name", "password required.");
}

public sealed class CreateUserValidator : FastEndpoints.Validator<CreateUserRequest>
{
    private static readonly string[] KnownRoles = ["default", "guest"];

    public CreateUserValidator()
    {
        RuleFor(r => r).Custom((r, ctx) =>
        {
            if (NewAccountFields.Read(r.Email, r.Password, r.Name, CreateUserRequest.Names).Error is { } error)
            {
                ctx.AddFailure(error);
            }
        });
        RuleFor(r => r.IsStaff).NotEqual(BoolField.Invalid).WithMessage("is_staff invalid.");
        RuleFor(r => r.IsActive).NotEqual(BoolField.Invalid).WithMessage("is_active invalid.");
        RuleFor(r => r.Role).Must(role => role is null || KnownRoles.Contains(role)).WithMessage("role must be in ['default', 'guest'].");
    }
}

public sealed record CreateOrganizationRequest
{
    [System.ComponentModel.DataAnnotations.Required]
    public string? OrgName { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? AdminEmail { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? Password { get; init; }

    [System.ComponentModel.Description("The admin's display name (default: the email's local part).")]
    public string? AdminName { get; init; }

    public static readonly AccountFieldNames Names = new("admin_email", "admin_email invalid.", "admin_name", "password invalid.");
}

public sealed class CreateOrganizationValidator : FastEndpoints.Validator<CreateOrganizationRequest>
{
    public const int MaxOrgNameLength = 255;

    public CreateOrganizationValidator()
    {
        RuleFor(r => r.OrgName).Must(name => name?.Trim() is { Length: > 0 and <= MaxOrgNameLength }).WithMessage("org_name invalid.");
        RuleFor(r => r).Custom((r, ctx) =>
        {
            if (NewAccountFields.Read(r.AdminEmail, r.Password, r.AdminName, CreateOrganizationRequest.Names).Error is { } error)
            {
                ctx.AddFailure(error);
            }
        });
    }
}

public sealed record AddOrganizationUserRequest
{
    /// <summary>A long: a route value that is not a number is "org_id invalid." from the binder, as before.</summary>
    public long OrgId { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? Email { get; init; }

    [System.ComponentModel.DataAnnotations.Required]
    public string? Password { get; init; }

    [System.ComponentModel.Description("Display name (default: the email's local part).")]
    public string? Name { get; init; }

    public static readonly AccountFieldNames Names = new("email", "email invalid.", "name", "password invalid.");
}

public sealed class AddOrganizationUserValidator : FastEndpoints.Validator<AddOrganizationUserRequest>
{
    public AddOrganizationUserValidator()
    {
        RuleFor(r => r.OrgId).GreaterThan(0).WithMessage("org_id invalid.");
        RuleFor(r => r).Custom((r, ctx) =>
        {
            if (NewAccountFields.Read(r.Email, r.Password, r.Name, AddOrganizationUserRequest.Names).Error is { } error)
            {
                ctx.AddFailure(error);
            }
        });
    }
}

/// <summary>
/// The user object of dtable-web's admin calls (the keys of <c>AccountJson</c>): org_id and is_org_staff only
/// for organization members; org_name / add_user_tip only on the calls that add them.
/// </summary>
public sealed record AdminUserResponse(
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? OrgId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsOrgStaff,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrgName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AddUserTip = null)
{
    public static AdminUserResponse From(AccountProfile profile) => new(
        profile.Id, profile.Name, profile.ContactEmail, "", "", profile.IsStaff, profile.IsActive, IsoTime.Format(profile.CreatedAt),
        "default", profile.WorkspaceId, profile.OrgId > 0 ? profile.OrgId : null, profile.OrgId > 0 ? profile.IsOrgStaff : null);
}

/// <summary>A user of the admin user listing.</summary>
public sealed record AdminUserListItem(string Email, string Name, string ContactEmail, string LoginId, bool IsStaff, bool IsActive,
    string CreateTime, string Role, long OrgId);

public sealed record AdminPageInfo(bool HasNextPage, int CurrentPage);

public sealed record AdminUserListResponse(IReadOnlyList<AdminUserListItem> Data, long TotalCount, AdminPageInfo PageInfo);

/// <summary>An organization of the admin organization listing.</summary>
public sealed record AdminOrganizationListItem(long OrgId, string OrgName, string Ctime, string OrgUrlPrefix, string CreatorEmail, string Role);

public sealed record AdminOrganizationListResponse(IReadOnlyList<AdminOrganizationListItem> Organizations, long TotalCount);

/// <summary>The organization object of dtable-web's admin calls.</summary>
public sealed record OrganizationResponse(
    long OrgId,
    string OrgName,
    string Ctime,
    string OrgUrlPrefix,
    string Role,
    string CreatorEmail,
    string CreatorName,
    string CreatorContactEmail,
    long Quota,
    long StorageUsage,
    int UsersCount)
{
    public static OrganizationResponse From(OrganizationInfo org, AccountProfile? creator) => new(
        org.Id, org.Name, IsoTime.Format(org.CreatedAt), org.UrlPrefix, "org_default", org.AdminUserId,
        creator?.Name ?? org.AdminUserId, creator?.ContactEmail ?? "", -2, 0, org.Members.Count);
}
