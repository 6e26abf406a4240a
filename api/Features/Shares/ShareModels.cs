using FluentValidation;
using SeaTable.Grains.Common;

namespace SeaTable.Api.Features.Shares;

/// <summary>The base of the share calls: /api/v2.1/workspace/{workspace_id}/dtable/{name}/share/.</summary>
public record ShareRouteRequest
{
    public long WorkspaceId { get; init; }

    /// <summary>The base's name (URL-encoded).</summary>
    public string Name { get; init; } = "";
}

/// <summary>A share call naming its target user.</summary>
public record ShareTargetRequest : ShareRouteRequest
{
    [System.ComponentModel.Description("The target user: a user id (…@auth.local) or a contact email.")]
    [System.ComponentModel.DataAnnotations.Required]
    public string? Email { get; init; }

    public string? TrimmedEmail => Email?.Trim();
}

/// <summary>POST or PUT …/share/: the target user and the permission to give.</summary>
public sealed record SetShareRequest : ShareTargetRequest
{
    [System.ComponentModel.Description("\"r\" or \"rw\".")]
    [System.ComponentModel.DataAnnotations.Required]
    public string? Permission { get; init; }
}

/// <summary>DELETE …/share/: the target user.</summary>
public sealed record RemoveShareRequest : ShareTargetRequest;

public sealed class SetShareValidator : FastEndpoints.Validator<SetShareRequest>
{
    public SetShareValidator()
    {
        // Permission first, then email: today's order of checks.
        RuleFor(r => r.Permission).Must(SharePermission.IsValid).WithMessage("permission invalid.");
        RuleFor(r => r.TrimmedEmail).Must(email => !string.IsNullOrEmpty(email)).WithMessage("email invalid.");
    }
}

public sealed class RemoveShareValidator : FastEndpoints.Validator<RemoveShareRequest>
{
    public RemoveShareValidator()
    {
        RuleFor(r => r.TrimmedEmail).Must(email => !string.IsNullOrEmpty(email)).WithMessage("email invalid.");
    }
}

/// <summary>One user the base is shared with.</summary>
public sealed record ShareUserResponse(string Email, string Name, string ContactEmail, string AvatarUrl, string Permission);

public sealed record ShareUserListResponse(IReadOnlyList<ShareUserResponse> UserList);

/// <summary>The bases other users shared with the caller.</summary>
public sealed record SharedTableListResponse(IReadOnlyList<DTables.TableResponse> TableList);
